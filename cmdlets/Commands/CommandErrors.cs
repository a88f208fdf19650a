using System;
using System.Management.Automation;
using CaChain.Native;

namespace CaChain.Commands
{
    // The ErrorRecords of every cmdlet: one error-id form, "<cmdlet>.<kind>"
    // ("Import-CaChain.NotCertificate", "Get-CaChain.PathNotFound"), and one
    // mapping from libcachain's status to what PowerShell users filter on.
    internal static class CommandErrors
    {
        public static string Id(PSCmdlet cmdlet, string kind) => cmdlet.MyInvocation.MyCommand.Name + "." + kind;

        // A libcachain failure: its status is the kind, and sets the category.
        public static ErrorRecord Record(PSCmdlet cmdlet, CaChainException error, object target) =>
            new ErrorRecord(error, Id(cmdlet, error.Status.ToString()), CategoryOf(error.Status), target);

        // A failure the cmdlet itself finds (bad input, a refused combination).
        public static ErrorRecord Record(PSCmdlet cmdlet, Exception error, string kind, ErrorCategory category, object target) =>
            new ErrorRecord(error, Id(cmdlet, kind), category, target);

        private static ErrorCategory CategoryOf(Status status)
        {
            switch (status)
            {
                case Status.Argument: return ErrorCategory.InvalidArgument;
                case Status.Empty:
                case Status.Truncated:
                case Status.NotCertificate:
                case Status.UnsupportedFormat: return ErrorCategory.InvalidData;
                case Status.WrongPassword:
                case Status.PasswordNeeded:
                case Status.AccessDenied: return ErrorCategory.PermissionDenied;
                case Status.IO: return ErrorCategory.ReadError;
                case Status.PathNotFound:
                case Status.HostNotFound: return ErrorCategory.ObjectNotFound;
                case Status.ConnectionFailed: return ErrorCategory.ConnectionError;
                case Status.TimedOut: return ErrorCategory.OperationTimeout;
                case Status.Exists: return ErrorCategory.ResourceExists;
                case Status.TooLarge: return ErrorCategory.LimitsExceeded;
                case Status.Cancelled: return ErrorCategory.OperationStopped;
                case Status.Refused: return ErrorCategory.SecurityError;
                case Status.NotSupported: return ErrorCategory.NotImplemented;
                default: return ErrorCategory.NotSpecified;
            }
        }
    }
}
