using System;
using System.Management.Automation;

namespace CaChain.Commands
{
    // Lets a byte[] parameter take the Base64 of Get-CaChain output, which is
    // what survives Export-Csv and Import-Csv (RawData would be the text
    // "System.Byte[]"). Bytes pass through; other text is refused by name.
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class Base64BytesAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (!(value is string text)) return inputData;
            try
            {
                return Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                throw new ArgumentTransformationMetadataException($"'{Shorten(text)}' is not a certificate in base64: pipe Get-CaChain output, or rows that Import-Csv read from its Export-Csv.");
            }
        }

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "...";
    }
}
