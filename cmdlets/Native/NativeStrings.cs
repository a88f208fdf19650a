using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;

namespace CaChain.Native
{
    // An array of NUL-terminated UTF-8 strings for a `const char* const*`
    // argument, freed when disposed. A null string is a NULL pointer.
    internal sealed class NativeStrings : IDisposable
    {
        public NativeStrings(IEnumerable<string> texts)
        {
            Pointers = texts.Select(text =>
            {
                byte[] bytes = Utf8.ToNative(text);
                if (bytes == null) return IntPtr.Zero;
                IntPtr pointer = Marshal.AllocHGlobal(bytes.Length);
                Marshal.Copy(bytes, 0, pointer, bytes.Length);
                return pointer;
            }).ToArray();
        }

        public IntPtr[] Pointers { get; }

        public void Dispose()
        {
            foreach (IntPtr pointer in Pointers) Marshal.FreeHGlobal(pointer);
        }
    }
}
