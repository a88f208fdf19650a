using System;
using System.Collections.Generic;
using System.Linq;

namespace CaChain.Native
{
    // libcachain's error catalogue, the one Resolve-CaChainError reads: a code
    // explained, every code it holds (for tab completion), and symbolic names
    // for the codes Test-CaChain reports.
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
            using (explanation) return Utf8.FromNative(NativeMethods.cachain_explanation_text(explanation, (int)ExplanationText.Name));
        }

        // Throws CaChainException, naming the code, when libcachain does not know it.
        public static CaChainErrorInfo Explain(string code)
        {
            Status status = NativeMethods.cachain_explain(Utf8.ToNative(code), out ExplanationHandle explanation);
            using (explanation)
            {
                CaChainException.ThrowIfFailed(status);
                return Read(explanation);
            }
        }

        // In the catalogue's order: HRESULTs first, then OpenSSL codes.
        public static List<CaChainErrorInfo> All()
        {
            var all = new List<CaChainErrorInfo>();
            ulong count = NativeMethods.cachain_catalog_count().ToUInt64();
            for (ulong index = 0; index < count; index++)
            {
                Status status = NativeMethods.cachain_catalog_entry((UIntPtr)index, out ExplanationHandle entry);
                using (entry)
                {
                    CaChainException.ThrowIfFailed(status);
                    all.Add(Read(entry));
                }
            }
            return all;
        }

        private static CaChainErrorInfo Read(ExplanationHandle explanation)
        {
            string Text(ExplanationText field) => Utf8.FromNative(NativeMethods.cachain_explanation_text(explanation, (int)field));
            return new CaChainErrorInfo
            {
                Code = Text(ExplanationText.Code),
                Value = NativeMethods.cachain_explanation_value(explanation),
                Name = Text(ExplanationText.Name),
                Kind = Text(ExplanationText.Kind),
                Description = Text(ExplanationText.Description),
                LikelyCauses = Text(ExplanationText.Causes).Split('\n').Where(line => line.Length > 0).ToArray(),
                Fix = Text(ExplanationText.Fix),
            };
        }
    }
}
