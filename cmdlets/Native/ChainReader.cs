using System;
using System.Collections.Generic;

namespace CaChain.Native
{
    // Turns a borrowed libcachain chain into output objects, root first and
    // the target last, as the Certification Path tab lists them.
    internal static class ChainReader
    {
        private static readonly string[] ValidityNames = { "Valid", "Expired", "NotYetValid" };
        private static readonly string[] Outcome = { "Complete", "MissingIssuer", "LimitReached" };

        public static List<CaChainElement> Elements(IntPtr chain, string endpoint)
        {
            int length = (int)NativeMethods.cachain_chain_length(chain).ToUInt64();
            string chainStatus = Outcome[Math.Min(2, (int)NativeMethods.cachain_chain_number(chain, ChainNumber.Status))];
            int rank = (int)NativeMethods.cachain_chain_number(chain, ChainNumber.Rank);
            string target = NativeCertificate.Name(NativeMethods.cachain_chain_cert(chain, UIntPtr.Zero));
            string chainSource = Utf8.FromNative(NativeMethods.cachain_chain_source(chain, UIntPtr.Zero));
            var elements = new List<CaChainElement>();
            for (int depth = length - 1; depth >= 0; depth--)
            {
                IntPtr cert = NativeMethods.cachain_chain_cert(chain, (UIntPtr)depth);
                byte[] der = NativeCertificate.Der(cert);
                bool last = depth == length - 1;
                elements.Add(new CaChainElement
                {
                    Target = target,
                    Depth = depth,
                    ChainLength = length,
                    Role = NativeCertificate.Role(NativeMethods.cachain_chain_role(chain, (UIntPtr)depth)),
                    Name = NativeCertificate.Name(cert),
                    Subject = NativeCertificate.Text(cert, CertText.Subject),
                    Issuer = NativeCertificate.Text(cert, CertText.Issuer),
                    Thumbprint = NativeCertificate.Text(cert, CertText.Thumbprint),
                    Sha256 = NativeCertificate.Text(cert, CertText.Sha256),
                    NotBefore = NativeCertificate.Time(cert, CertNumber.NotBefore),
                    NotAfter = NativeCertificate.Time(cert, CertNumber.NotAfter),
                    Validity = ValidityNames[Math.Min(2, NativeMethods.cachain_chain_validity(chain, (UIntPtr)depth))],
                    ChainStatus = chainStatus,
                    ChainSource = chainSource,
                    Rank = rank,
                    Source = Utf8.FromNative(NativeMethods.cachain_chain_source(chain, (UIntPtr)depth)),
                    MissingIssuer = last ? Utf8.FromNative(NativeMethods.cachain_chain_text(chain, ChainText.MissingIssuer)) : string.Empty,
                    MissingIssuerUrl = last ? Utf8.FromNative(NativeMethods.cachain_chain_text(chain, ChainText.MissingIssuerUrl)) : string.Empty,
                    Endpoint = endpoint,
                    Base64 = Convert.ToBase64String(der),
                });
            }
            return elements;
        }
    }
}
