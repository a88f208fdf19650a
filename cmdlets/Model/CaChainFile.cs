namespace CaChain
{
    // A file Export-CaChain wrote (or would write). Path binds to
    // Import-CaChain -Path, so the output pipes straight into an import.
    public sealed class CaChainFile
    {
        public string Path { get; set; }
        public string Action { get; set; }
        public string Format { get; set; }
        public string Role { get; set; }
        public string Subject { get; set; }
        public string Thumbprint { get; set; }
        public string Target { get; set; }

        public override string ToString() => Path;
    }
}
