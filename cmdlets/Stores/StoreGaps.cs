using System;
using System.Collections.Generic;
using System.Linq;
using CaChain.Native;

namespace CaChain.Stores
{
    // What a store lacks of a chain, and what it holds in the wrong place:
    // the fleet report's "Missing" and "WrongStore". The library decides
    // both, as it decides an import: Missing is what a dry-run placement of
    // the chain's CA certificates would add, so it follows the seed's rule
    // (a root in Root and CA, every other CA in CA) exactly.
    internal static class StoreGaps
    {
        // "Root: CN=… (thumbprint)" per store entry an import would add; none when the chain cannot be placed.
        public static string[] Missing(StoreTarget store, CaChainElement[] chain)
        {
            using (CertificateSet authorities = Authorities(chain))
            {
                if (authorities.Count == 0) return Array.Empty<string>();
                try
                {
                    return store.Place(authorities, Flags.PlaceDryRun, Array.Empty<(CaChainStoreName, string, string)>()).Entries
                        .Where(e => e.Action == PlacementAction.WouldAdd)
                        .Select(e => $"{e.Store}: {e.Result.Subject} ({e.Result.Thumbprint})")
                        .ToArray();
                }
                catch (CaChainException)
                {
                    return Array.Empty<string>();  // a set the rule refuses: the verdict says why
                }
            }
        }

        // CA certificates of the chain that are not roots, found among the
        // trust anchors (Root): an intermediate trusted as if it were a root.
        public static string[] WrongStore(StoreTarget store, CaChainElement[] chain)
        {
            HashSet<string> anchors;
            try
            {
                using (CertificateSet root = store.List(CaChainStoreName.Root))
                    anchors = new HashSet<string>(Enumerable.Range(0, root.Count).Select(i => root[i].Thumbprint), StringComparer.OrdinalIgnoreCase);
            }
            catch (CaChainException)
            {
                return Array.Empty<string>();  // an unreadable store: the verdict names it
            }
            return chain
                .Where(e => e.Role == nameof(CertificateRole.Intermediate) && anchors.Contains(e.Thumbprint))
                .Select(e => $"Root holds the intermediate CA {e.Subject} ({e.Thumbprint}): it belongs in CA")
                .ToArray();
        }

        private static CertificateSet Authorities(CaChainElement[] chain)
        {
            var set = new CertificateSet();
            foreach (CaChainElement element in chain.Where(e => e.Role != nameof(CertificateRole.Leaf) && !string.IsNullOrEmpty(e.Base64)))
                set.AddBytes(Convert.FromBase64String(element.Base64), element.Subject);
            return set;
        }
    }
}
