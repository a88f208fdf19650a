namespace CaChain
{
    // One certificate in one store, as Import-CaChain or Remove-CaChain left it.
    // Thumbprint, Store, StoreLocation, StorePath, SystemRoot, Action and
    // PlacedOn bind to Remove-CaChain, so an import's results undo it exactly.
    // PlacedOn is not called ComputerName: that name would bind as a TLS
    // endpoint when the results are piped into Test-CaChain or Get-CaChain.
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
        public string PlacedOn { get; set; }

        public override string ToString() => $"{Action} {Subject} in {Location}";
    }
}
