using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace CaChain.Commands
{
    // -Path and -LiteralPath as PowerShell users expect them: wildcards and
    // PSDrives resolved to file-system paths; a path that matches nothing
    // writes an error naming it, and the other paths go on.
    internal static class ProviderPaths
    {
        public static IEnumerable<string> Resolve(PSCmdlet cmdlet, string path, bool literal, string errorIdPrefix)
        {
            if (literal) return new[] { cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path) };
            try
            {
                return cmdlet.GetResolvedProviderPathFromPSPath(path, out ProviderInfo _);
            }
            catch (ItemNotFoundException error)
            {
                cmdlet.WriteError(new ErrorRecord(error, errorIdPrefix + "PathNotFound", ErrorCategory.ObjectNotFound, path));
                return Array.Empty<string>();
            }
        }
    }
}
