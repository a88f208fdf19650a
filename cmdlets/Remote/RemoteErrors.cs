using System;
using System.Management.Automation;
using CaChain.Commands;

namespace CaChain.Remote
{
    // Every error of a fleet call in the cmdlet's own form, "<cmdlet>.<kind>",
    // with the target's label as TargetObject: the remote cmdlet's own kind
    // ("Import-CaChain.AccessDenied" stays AccessDenied), the kinds
    // Invoke-OnTarget.ps1 names (Unreachable, AuthenticationFailed,
    // NotInstalled, ...), and RemoteFailed for anything else.
    internal static class RemoteErrors
    {
        private const string ScriptPrefix = "CaChainRemote.";

        public static ErrorRecord Rewrap(PSCmdlet cmdlet, ErrorRecord error, string label)
        {
            string kind = KindOf(error.FullyQualifiedErrorId);
            ErrorCategory category = error.CategoryInfo.Category != ErrorCategory.NotSpecified ? error.CategoryInfo.Category : CategoryOf(kind);
            var record = new ErrorRecord(error.Exception, CommandErrors.Id(cmdlet, kind), category, label);
            string message = error.ErrorDetails?.Message ?? error.Exception.Message;
            string prefix = $"[{label}] ";
            record.ErrorDetails = new ErrorDetails(message.StartsWith(prefix, StringComparison.Ordinal) ? message : prefix + message);
            return record;
        }

        // "CaChainRemote.Unreachable" → Unreachable; "Import-CaChain.AccessDenied,CaChain.Commands.ImportCaChainCommand"
        // → AccessDenied; anything else → RemoteFailed.
        public static string KindOf(string fullyQualifiedErrorId)
        {
            string id = fullyQualifiedErrorId ?? string.Empty;
            int comma = id.IndexOf(',');
            if (comma >= 0) id = id.Substring(0, comma);
            if (id.StartsWith(ScriptPrefix, StringComparison.Ordinal)) return id.Substring(ScriptPrefix.Length);
            foreach (string command in new[] { "Import-CaChain.", "Test-CaChain.", "Remove-CaChain." })
                if (id.StartsWith(command, StringComparison.Ordinal)) return id.Substring(command.Length);
            return "RemoteFailed";
        }

        private static ErrorCategory CategoryOf(string kind)
        {
            switch (kind)
            {
                case "Unreachable":
                case "ConnectFailed": return ErrorCategory.ConnectionError;
                case "HostNotFound":
                case "NotInstalled": return ErrorCategory.ObjectNotFound;
                case "AuthenticationFailed": return ErrorCategory.AuthenticationError;
                case "TimedOut": return ErrorCategory.OperationTimeout;
                case "NoNativeLibrary":
                case "NoPowerShellExecutable":
                case "PowerShellTooOld": return ErrorCategory.NotImplemented;
                case "CopyFailed": return ErrorCategory.WriteError;
                default: return ErrorCategory.NotSpecified;
            }
        }
    }
}
