using System;
using System.Collections;
using System.Collections.Generic;

namespace CaChain.Native
{
    // The chains libcachain found for a set of targets, each target's best
    // one (Rank 0) and its alternatives. The chains are valid until this is disposed.
    internal sealed class DiscoveredChains : IEnumerable<Chain>, IDisposable
    {
        private readonly ChainsHandle handle;

        private DiscoveredChains(ChainsHandle handle) { this.handle = handle; }

        // Throws a CaChainException when discovery failed. bestPathOnly: each
        // target's Rank 0 alone, the same path as among all of them, at less cost.
        public static DiscoveredChains Discover(CertificateSet inputs, CertificateSet pool, uint flags, int timeoutSeconds, bool bestPathOnly)
        {
            var options = new DiscoverOptions
            {
                Version = DiscoverOptions.CurrentVersion,
                Flags = flags,
                TimeoutSeconds = (uint)timeoutSeconds,
                MaxPaths = bestPathOnly ? 1u : 0u,
            };
            Status status = NativeMethods.cachain_discover_with_options(inputs.Handle, pool.Handle, ref options, out ChainsHandle chains);
            if (status == Status.Ok) return new DiscoveredChains(chains);
            string message = NativeMethods.LastError();
            chains.Dispose();
            throw new CaChainException(status, message);
        }

        public IEnumerator<Chain> GetEnumerator()
        {
            ulong count = NativeMethods.cachain_chains_count(handle).ToUInt64();
            for (ulong i = 0; i < count; i++) yield return new Chain(NativeMethods.cachain_chains_get(handle, (UIntPtr)i));
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public void Dispose() => handle.Dispose();
    }
}
