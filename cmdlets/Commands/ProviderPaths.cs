using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace CaChain.Commands
{
    // -Path and -LiteralPath as PowerShell users expect them: wildcards and
    // PSDrives resolved to file-system paths; a path that matches nothing
    // writes an error naming it, and the other paths go on.
    internal static class ProviderPaths
    {
        public static IEnumerable<string> Resolve(PSCmdlet cmdlet, string path, bool literal)
        {
            try
            {
                ProviderInfo provider;
                IEnumerable<string> resolved = literal
                    ? new[] { cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out PSDriveInfo _) }
                    : cmdlet.GetResolvedProviderPathFromPSPath(path, out provider);
                if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                {
                    cmdlet.WriteError(CommandErrors.Record(cmdlet, new ArgumentException($"{path}: not a file-system path ({provider.Name})"),
                        "NotFileSystem", ErrorCategory.InvalidArgument, path));
                    return Array.Empty<string>();
                }
                if (!literal && !resolved.Any())
                {
                    cmdlet.WriteError(CommandErrors.Record(cmdlet, new ItemNotFoundException($"{path}: no file matches"),
                        "PathNotFound", ErrorCategory.ObjectNotFound, path));
                }
                return resolved;
            }
            catch (Exception error) when (error is ItemNotFoundException || error is DriveNotFoundException || error is ProviderNotFoundException)
            {
                cmdlet.WriteError(CommandErrors.Record(cmdlet, error, "PathNotFound", ErrorCategory.ObjectNotFound, path));
                return Array.Empty<string>();
            }
            catch (Exception error) when (error is SessionStateException || error is PSInvalidOperationException || error is NotSupportedException)
            {
                cmdlet.WriteError(CommandErrors.Record(cmdlet, error, "BadPath", ErrorCategory.InvalidArgument, path));
                return Array.Empty<string>();
            }
        }
    }
}
