namespace CaChain
{
    // What an error code means, as Resolve-CaChainError explains it.
    public sealed class CaChainErrorInfo
    {
        public string Code { get; set; }
        public long Value { get; set; }
        public string Name { get; set; }
        public string Kind { get; set; }
        public string Description { get; set; }
        public string[] LikelyCauses { get; set; }
        public string Fix { get; set; }

        public override string ToString() => $"{Code} {Name}";
    }
}
