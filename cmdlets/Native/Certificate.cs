using System;
using System.Runtime.InteropServices;

namespace CaChain.Native
{
    // One certificate, borrowed from the set, chain or result it came from:
    // valid while that owner is.
    internal readonly struct Certificate
    {
        private readonly IntPtr cert;

        internal Certificate(IntPtr cert) { this.cert = cert; }

        // A result entry without a certificate (a file that holds a whole chain).
        public bool IsNone => cert == IntPtr.Zero;

        public string Text(CertText field) => Utf8.FromNative(NativeMethods.cachain_cert_text(cert, field));

        public string Subject => Text(CertText.Subject);

        public string Thumbprint => Text(CertText.Thumbprint);

        // The common name, or the whole subject when it has none.
        public string Name
        {
            get
            {
                string commonName = Text(CertText.CommonName);
                return commonName.Length > 0 ? commonName : Subject;
            }
        }

        public DateTime Time(CertNumber field) =>
            DateTimeOffset.FromUnixTimeSeconds(NativeMethods.cachain_cert_number(cert, field)).UtcDateTime;

        public CertificateRole Role => RoleOf(NativeMethods.cachain_cert_number(cert, CertNumber.Role));

        public byte[] Der()
        {
            CaChainException.ThrowIfFailed(NativeMethods.cachain_cert_der(cert, out IntPtr der, out UIntPtr length));
            var bytes = new byte[(int)length.ToUInt64()];
            Marshal.Copy(der, bytes, 0, bytes.Length);
            return bytes;
        }

        // A value the header may add later reads as a leaf, as before.
        internal static CertificateRole RoleOf(long role) =>
            role == (long)CertificateRole.Root ? CertificateRole.Root
            : role == (long)CertificateRole.Intermediate ? CertificateRole.Intermediate : CertificateRole.Leaf;
    }
}
