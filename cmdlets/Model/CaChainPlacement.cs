namespace CaChain
{
    // One certificate in one store, as Import-CaChain or Remove-CaChain left it.
    // Thumbprint, Store, StoreLocation, StorePath, SystemRoot and Action bind to
    // Remove-CaChain, so an import's results undo it exactly.
    public sealed class CaChainPlacement
    {
        public string Thumbprint { get; set; }
        public string Subject { get; set; }
        public string Role { get; set; }
        public string Store { get; set; }
        public string Location { get; set; }
        public string StoreLocation { get; set; }
        public string StorePath { get; set; }
        public string SystemRoot { get; set; }
        public string Action { get; set; }
        public string Message { get; set; }
        public string ComputerName { get; set; }

        public override string ToString() => $"{Action} {Subject} in {Location}";
    }
}
