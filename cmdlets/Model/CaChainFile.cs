namespace CaChain
{
    // A file Export-CaChain wrote (or would write). FullName binds to
    // Import-CaChain -LiteralPath (names may hold [ and ], which -Path would
    // read as wildcards), so the output pipes straight into an import.
    public sealed class CaChainFile
    {
        public string Path { get; set; }
        public string FullName => Path;
        public string Action { get; set; }
        public string Format { get; set; }
        public string Role { get; set; }
        public string Subject { get; set; }
        public string Thumbprint { get; set; }
        public string Target { get; set; }

        public override string ToString() => Path;
    }
}
