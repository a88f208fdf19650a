using System.Management.Automation;
using CaChain.Native;

namespace CaChain.Commands
{
    // Resolve-CaChainError: what an error code means, like the seed's lcserror:
    // hex (with or without 0x), decimal or negative HRESULTs, symbolic names,
    // OpenSSL verify codes and OpenSSL's own words; Test-CaChain results too.
    [Cmdlet(VerbsDiagnostic.Resolve, "CaChainError")]
    [OutputType(typeof(CaChainErrorInfo))]
    public sealed class ResolveCaChainErrorCommand : PSCmdlet
    {
        // TlsError binds Test-CaChain's results by property name: the Schannel
        // code (0x80090325) that administrators see in their event logs.
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("HResult", "ErrorCode", "TlsError")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ErrorNameCompleter))]
        public string[] Code { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string code in Code)
            {
                // A trusted Test-CaChain result carries no code: nothing to explain.
                if (MyInvocation.ExpectingInput && code.Trim().Length == 0)
                {
                    WriteVerbose("No code to explain in this input (a trusted Test-CaChain result has none).");
                    continue;
                }
                try
                {
                    WriteObject(ErrorCatalog.Explain(code));
                }
                catch (CaChainException error)
                {
                    WriteError(CommandErrors.Record(this, error, code));
                }
            }
        }
    }
}
