using System.Linq;
using System.Management.Automation;
using CaChain.Native;

namespace CaChain.Commands
{
    // Resolve-CaChainError: what an error code means, like the seed's lcserror:
    // hex, decimal or negative HRESULTs, symbolic names, and OpenSSL verify codes.
    [Cmdlet(VerbsDiagnostic.Resolve, "CaChainError")]
    [OutputType(typeof(CaChainErrorInfo))]
    public sealed class ResolveCaChainErrorCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("HResult", "ErrorCode")]
        [ValidateNotNullOrEmpty]
        public string[] Code { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string code in Code)
            {
                Status status = NativeMethods.cachain_explain(Utf8.ToNative(code.Trim()), out ExplanationHandle explanation);
                using (explanation)
                {
                    if (status != Status.Ok)
                    {
                        WriteError(new CaChainException(status, NativeMethods.LastError()).ToErrorRecord(MyInvocation.MyCommand.Name + ".", code));
                        continue;
                    }
                    WriteObject(Read(explanation));
                }
            }
        }

        private static CaChainErrorInfo Read(ExplanationHandle explanation)
        {
            string Text(int field) => Utf8.FromNative(NativeMethods.cachain_explanation_text(explanation, field));
            return new CaChainErrorInfo
            {
                Code = Text(ExplanationFields.Code),
                Value = NativeMethods.cachain_explanation_value(explanation),
                Name = Text(ExplanationFields.Name),
                Kind = Text(ExplanationFields.Kind),
                Description = Text(ExplanationFields.Description),
                LikelyCauses = Text(ExplanationFields.Causes).Split('\n').Where(line => line.Length > 0).ToArray(),
                Fix = Text(ExplanationFields.Fix),
            };
        }
    }
}
