using System.Management.Automation;
using CaChain.Native;

namespace CaChain.Commands
{
    // Get-CaChain: the certification path of each target, one object per
    // element, root first. The certificates of one call (files, folders,
    // objects, text) are issuers for each other; each TLS endpoint has its own.
    [Cmdlet(VerbsCommon.Get, "CaChain", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(CaChainElement))]
    public sealed class GetCaChainCommand : ChainSourceCommand
    {
        // Also output the alternative paths, not only the best one per target.
        [Parameter]
        public SwitchParameter All { get; set; }

        private protected override void Answer(SourceItem item)
        {
            using (DiscoveredChains chains = Discover(item, bestPathOnly: !All))
            {
                if (chains != null) WriteChains(chains, item);
            }
        }

        private void WriteChains(DiscoveredChains chains, SourceItem item)
        {
            foreach (Chain chain in chains)
            {
                var elements = chain.Elements(item.Endpoint);
                if (chain.Rank == 0) WarnIfIncomplete(chain, elements[elements.Count - 1].Target);
                foreach (CaChainElement element in elements) WriteObject(element);
            }
        }
    }
}
