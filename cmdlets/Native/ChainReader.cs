using System;
using System.Collections.Generic;

namespace CaChain.Native
{
    // Turns a borrowed libcachain chain into output objects, root first and
    // the target last, as the Certification Path tab lists them.
    internal static class ChainReader
    {
        public static List<CaChainElement> Elements(Chain chain, string endpoint)
        {
            int length = chain.Length;
            // A status the header may add later reads as the last one known, as before.
            var chainStatus = (ChainStatus)Math.Min((int)ChainStatus.LimitReached, (int)chain.Status);
            int rank = chain.Rank;
            string target = chain.TargetName;
            string chainSource = chain.SourceAt(0);
            var elements = new List<CaChainElement>();
            for (int depth = length - 1; depth >= 0; depth--)
            {
                Certificate cert = chain[depth];
                byte[] der = cert.Der();
                bool last = depth == length - 1;
                elements.Add(new CaChainElement
                {
                    Target = target,
                    Depth = depth,
                    ChainLength = length,
                    Role = chain.RoleAt(depth).ToString(),
                    Name = cert.Name,
                    Subject = cert.Subject,
                    Issuer = cert.Text(CertText.Issuer),
                    Thumbprint = cert.Thumbprint,
                    Sha256 = cert.Text(CertText.Sha256),
                    NotBefore = cert.Time(CertNumber.NotBefore),
                    NotAfter = cert.Time(CertNumber.NotAfter),
                    Validity = chain.ValidityAt(depth).ToString(),
                    ChainStatus = chainStatus.ToString(),
                    ChainSource = chainSource,
                    Rank = rank,
                    Source = chain.SourceAt(depth),
                    MissingIssuer = last ? chain.Text(ChainText.MissingIssuer) : string.Empty,
                    MissingIssuerUrl = last ? chain.Text(ChainText.MissingIssuerUrl) : string.Empty,
                    Endpoint = endpoint,
                    Base64 = Convert.ToBase64String(der),
                });
            }
            return elements;
        }
    }
}
