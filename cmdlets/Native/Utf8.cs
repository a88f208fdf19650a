using System;
using System.Runtime.InteropServices;
using System.Text;

namespace CaChain.Native
{
    // Strings cross the C interface as NUL-terminated UTF-8. netstandard2.0
    // has no UTF-8 marshaller, so these two helpers do it by hand.
    internal static class Utf8
    {
        public static byte[] ToNative(string text)
        {
            if (text == null) return null;
            var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
            Encoding.UTF8.GetBytes(text, 0, text.Length, bytes, 0);
            return bytes;
        }

        public static string FromNative(IntPtr text)
        {
            if (text == IntPtr.Zero) return string.Empty;
            int length = 0;
            while (Marshal.ReadByte(text, length) != 0) length++;
            var bytes = new byte[length];
            Marshal.Copy(text, bytes, 0, length);
            return Encoding.UTF8.GetString(bytes);
        }
    }
}
