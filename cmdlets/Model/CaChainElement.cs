using System;

namespace CaChain
{
    // One certificate of a discovered chain, as the Certification Path tab
    // shows it. Plain settable properties so that it survives serialization;
    // Base64 carries the certificate to wherever the object travels, even
    // through CSV. RawData and Certificate are computed from it by
    // CaChain.types.ps1xml, hidden, so that ConvertTo-Json and Export-Csv
    // write neither a number per byte nor a whole X509Certificate2.
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
        // The certificate's own dates (Valid, Expired, NotYetValid); whether
        // the chain reaches a root is ChainStatus.
        public string Validity { get; set; }
        public string ChainStatus { get; set; }
        // Where the chain's target came from (its file, or "presented by
        // host:port"), so that endpoints presenting one certificate differ.
        public string ChainSource { get; set; }
        public int Rank { get; set; }
        public string Source { get; set; }
        public string MissingIssuer { get; set; }
        public string MissingIssuerUrl { get; set; }
        public string Endpoint { get; set; }
        // The certificate (DER) in base64: Import-CaChain binds it by name.
        public string Base64 { get; set; }

        public override string ToString() => $"{Role} {Subject} ({Thumbprint})";
    }
}
