using System;
using System.Collections.Generic;
using System.Text;

namespace CaChain.Native
{
    // A libcachain certificate set: what a file, a folder, a pipeline object or
    // an endpoint yielded, deduplicated, with the problems of its bad items.
    internal sealed class CertificateSet : IDisposable
    {
        public CertificateSet()
        {
            CaChainException.ThrowIfFailed(NativeMethods.cachain_set_new(out SetHandle handle));
            Handle = handle;
        }

        // Takes over a set libcachain made (a store's listing).
        internal CertificateSet(SetHandle handle) { Handle = handle; }

        public SetHandle Handle { get; }

        public int Count => (int)NativeMethods.cachain_set_count(Handle).ToUInt64();

        public Certificate this[int index] => new Certificate(NativeMethods.cachain_set_cert(Handle, (UIntPtr)index));

        // Reads a file or every file of a folder. Each bad file becomes one of
        // Problems and the good ones are still read; the call then throws with
        // the first problem's status, so callers report Problems and go on.
        public void AddPath(string path, string password) =>
            CaChainException.ThrowIfFailed(NativeMethods.cachain_set_add_path(Handle, Utf8.ToNative(path), Utf8.ToNative(password)));

        // Reads DER, PEM, PKCS#7 or PKCS#12 bytes; item names them in messages.
        public void AddBytes(byte[] data, string item, string password = null) =>
            CaChainException.ThrowIfFailed(NativeMethods.cachain_set_add_bytes(Handle, data, (UIntPtr)data.Length, Utf8.ToNative(item), Utf8.ToNative(password)));

        public void AddText(string text, string item) => AddBytes(Encoding.UTF8.GetBytes(text), item);

        // What endpoint ("host:port") presents: its target here, the other
        // certificates into pool. A failure is also one of Problems.
        public void AddEndpoint(string endpoint, Commands.CaChainProtocol protocol, int timeoutSeconds, CertificateSet pool) =>
            CaChainException.ThrowIfFailed(NativeMethods.cachain_fetch_endpoint(Utf8.ToNative(endpoint), (int)protocol, (uint)timeoutSeconds, Handle, pool.Handle));

        // The CA certificates the machine already holds (its Root, CA and
        // AuthRoot stores on Windows, the system trust on Linux; systemRoot: an
        // image's root on Linux, null for this machine). A store that cannot be
        // read becomes one of Problems; the others are still added.
        public void AddLocalIssuers(string systemRoot) =>
            CaChainException.ThrowIfFailed(NativeMethods.cachain_set_add_local_issuers(Handle, Utf8.ToNative(systemRoot)));

        // Every certificate of other, with the source it has there.
        public void AddSet(CertificateSet other) =>
            CaChainException.ThrowIfFailed(NativeMethods.cachain_set_add_set(Handle, other.Handle));

        public int ProblemCount => (int)NativeMethods.cachain_set_problem_count(Handle).ToUInt64();

        public IReadOnlyList<CaChainException> Problems
        {
            get
            {
                var problems = new List<CaChainException>();
                ulong count = NativeMethods.cachain_set_problem_count(Handle).ToUInt64();
                for (ulong i = 0; i < count; i++)
                {
                    NativeMethods.cachain_set_problem(Handle, (UIntPtr)i, out Status code, out IntPtr item, out IntPtr message);
                    problems.Add(new CaChainException(code, Utf8.FromNative(message), Utf8.FromNative(item)));
                }
                return problems;
            }
        }

        public void Dispose() => Handle.Dispose();
    }
}
