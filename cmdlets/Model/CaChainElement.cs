using System;
using System.Security.Cryptography.X509Certificates;

namespace CaChain
{
    // One certificate of a discovered chain, as the Certification Path tab
    // shows it. Plain settable properties so that it survives serialization;
    // RawData carries the certificate to wherever the object travels.
    public sealed class CaChainElement
    {
        public string Target { get; set; }
        public int Depth { get; set; }
        public int ChainLength { get; set; }
        public string Role { get; set; }
        public string Name { get; set; }
        public string Subject { get; set; }
        public string Issuer { get; set; }
        public string Thumbprint { get; set; }
        public string Sha256 { get; set; }
        public DateTime NotBefore { get; set; }
        public DateTime NotAfter { get; set; }
        public string Status { get; set; }
        public string ChainStatus { get; set; }
        public int Rank { get; set; }
        public string Source { get; set; }
        public string MissingIssuer { get; set; }
        public string MissingIssuerUrl { get; set; }
        public string Endpoint { get; set; }
        public byte[] RawData { get; set; }
        public X509Certificate2 Certificate { get; set; }

        public override string ToString() => $"{Role} {Subject} ({Thumbprint})";
    }
}
