using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CaChain.Native;

namespace CaChain.Commands
{
    // Import-CaChain -Session: sends the certificate bytes to each session and
    // runs Import-CaChain there. PowerShell's own Invoke-Command does the
    // fan-out and throttling, and tags each result with PSComputerName.
    internal static class RemotePlacement
    {
        // Runs on the target. A target without the module says so plainly.
        private const string Script = @"
param([byte[][]] $Certificates, [hashtable] $Options)
if (-not (Get-Module -ListAvailable -Name CaChain)) {
    Write-Error -Category ObjectNotFound -ErrorId CaChainNotInstalled -TargetObject ([Environment]::MachineName) `
        -Message ""The CaChain module is not installed on $([Environment]::MachineName): copy the CaChain module folder into one of its PSModulePath folders, then try again.""
    return
}
Import-Module CaChain -ErrorAction Stop
$Certificates | ForEach-Object { [pscustomobject]@{ RawData = $_ } } | Import-CaChain @Options
";

        public static void Run(ImportCaChainCommand command, CertificateSet certificates, PSSession[] sessions)
        {
            var ders = new byte[certificates.Count][];
            for (int i = 0; i < ders.Length; i++) ders[i] = certificates[i].Der();
            bool whatIf = command.MyInvocation.BoundParameters.TryGetValue("WhatIf", out object value) && ((SwitchParameter)value).IsPresent;

            var targets = new List<PSSession>();
            foreach (PSSession session in sessions)
            {
                // With -WhatIf, each target's own dry run lists exactly what it would add.
                if (whatIf || command.ShouldProcess(session.ComputerName, $"Import {ders.Length} certificate(s) into {Describe(command)}"))
                    targets.Add(session);
            }
            if (targets.Count == 0) return;

            using (PowerShell powerShell = PowerShell.Create(RunspaceMode.CurrentRunspace))
            {
                powerShell.AddCommand("Invoke-Command")
                    .AddParameter("Session", targets.ToArray())
                    .AddParameter("ScriptBlock", ScriptBlock.Create(Script))
                    .AddParameter("ArgumentList", new object[] { ders, Options(command, whatIf) });
                try
                {
                    foreach (PSObject result in powerShell.Invoke()) command.WriteObject(result);
                }
                catch (RuntimeException error)
                {
                    command.WriteError(new ErrorRecord(error.ErrorRecord, error));
                }
                foreach (ErrorRecord error in powerShell.Streams.Error) command.WriteError(error);
                foreach (WarningRecord warning in powerShell.Streams.Warning) command.WriteWarning(warning.Message);
            }
        }

        private static string Describe(ImportCaChainCommand command) =>
            command.StorePath != null ? command.StorePath : command.StoreLocation + @"\Root and \CA";

        private static System.Collections.Hashtable Options(ImportCaChainCommand command, bool whatIf)
        {
            var options = new System.Collections.Hashtable
            {
                ["Force"] = command.Force.IsPresent,
                ["ExcludeRootFromCA"] = command.ExcludeRootFromCA.IsPresent,
                ["WhatIf"] = whatIf,
                ["Confirm"] = false,
            };
            if (command.StorePath != null) options["StorePath"] = command.StorePath;
            else options["StoreLocation"] = command.StoreLocation.ToString();
            if (command.SystemRoot != null) options["SystemRoot"] = command.SystemRoot;
            return options;
        }
    }
}
