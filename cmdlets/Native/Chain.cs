using System;
using System.Collections.Generic;
using CaChain.Commands;

namespace CaChain.Native
{
    // One discovered chain, borrowed from its DiscoveredChains or verdicts:
    // depth 0 is the target, the last depth the root (or where the chain stops).
    internal readonly struct Chain
    {
        private readonly IntPtr chain;

        internal Chain(IntPtr chain) { this.chain = chain; }

        // 0 for the best chain of its target; alternatives count up.
        public int Rank => (int)NativeMethods.cachain_chain_number(chain, ChainNumber.Rank);

        public ChainStatus Status => (ChainStatus)NativeMethods.cachain_chain_number(chain, ChainNumber.Status);

        public int Length => (int)NativeMethods.cachain_chain_length(chain).ToUInt64();

        public string Text(ChainText field) => Utf8.FromNative(NativeMethods.cachain_chain_text(chain, field));

        public Certificate this[int depth] => new Certificate(NativeMethods.cachain_chain_cert(chain, (UIntPtr)depth));

        public CertificateRole RoleAt(int depth) => Certificate.RoleOf(NativeMethods.cachain_chain_role(chain, (UIntPtr)depth));

        // A value the header may add later reads as the last one known, as before.
        public Validity ValidityAt(int depth) => (Validity)Math.Min((int)Validity.NotYetValid, NativeMethods.cachain_chain_validity(chain, (UIntPtr)depth));

        public string SourceAt(int depth) => Utf8.FromNative(NativeMethods.cachain_chain_source(chain, (UIntPtr)depth));

        // The target's name, as the output objects' Target shows it.
        public string TargetName => this[0].Name;

        // Root first and the target last, as the Certification Path tab lists them.
        public List<CaChainElement> Elements(string endpoint) => ChainReader.Elements(this, endpoint);

        // Writes (or with ExportDryRun, plans) the chain's files into directory.
        public ChainExport Export(string directory, CaChainFormat format, uint flags)
        {
            Native.Status status = NativeMethods.cachain_export_chain(chain, Utf8.ToNative(directory), (int)format, flags, out ExportHandle result);
            // Read before any other call replaces it.
            CaChainException failure = status == Native.Status.Ok ? null : new CaChainException(status, NativeMethods.LastError());
            using (result) return new ChainExport(result, failure);
        }
    }
}
