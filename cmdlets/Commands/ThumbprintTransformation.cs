using System;
using System.Linq;
using System.Management.Automation;
using System.Text;

namespace CaChain.Commands
{
    // A thumbprint as people copy it: the MMC's details tab shows
    // "a9 99 3e ..." in pairs, with an invisible left-to-right mark (U+200E)
    // in front. Spaces, tabs and the direction marks are dropped before the
    // pattern check, so only the hex digits are judged.
    public sealed class ThumbprintTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string text) return Clean(text);
            if (value is object[] items) return items.Select(item => item is PSObject p ? p.BaseObject : item)
                .Select(item => item is string s ? Clean(s) : item).ToArray();
            return inputData;
        }

        private static string Clean(string text)
        {
            var digits = new StringBuilder(text.Length);
            foreach (char c in text)
                if (!char.IsWhiteSpace(c) && c != '\u200E' && c != '\u200F' && c != '\u202A' && c != '\u202C') digits.Append(c);
            return digits.ToString();
        }
    }
}
