using CaChain.Native;

namespace CaChain.Native
{
    // Symbolic names for the codes Test-CaChain reports, from libcachain's
    // error catalogue (the one Resolve-CaChainError reads).
    internal static class ErrorCatalog
    {
        public static string Hex(long code) => code == 0 ? string.Empty : "0x" + ((uint)code).ToString("X8");

        public static string NameOf(string code)
        {
            if (string.IsNullOrEmpty(code)) return string.Empty;
            if (NativeMethods.cachain_explain(Utf8.ToNative(code), out ExplanationHandle explanation) != Status.Ok)
            {
                explanation.Dispose();
                return string.Empty;
            }
            using (explanation) return Utf8.FromNative(NativeMethods.cachain_explanation_text(explanation, ExplanationFields.Name));
        }
    }
}
