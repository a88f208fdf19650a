using System;
using System.Runtime.InteropServices;

namespace CaChain.Native
{
    // Owners of what libcachain hands out; each frees with its own function.
    internal abstract class NativeHandle : SafeHandle
    {
        protected NativeHandle() : base(IntPtr.Zero, true) { }
        public override bool IsInvalid => handle == IntPtr.Zero;
    }

    internal sealed class SetHandle : NativeHandle
    {
        protected override bool ReleaseHandle() { NativeMethods.cachain_set_free(handle); return true; }
    }

    internal sealed class ChainsHandle : NativeHandle
    {
        protected override bool ReleaseHandle() { NativeMethods.cachain_chains_free(handle); return true; }
    }

    internal sealed class EndpointHandle : NativeHandle
    {
        protected override bool ReleaseHandle() { NativeMethods.cachain_endpoint_free(handle); return true; }
    }

    internal sealed class ExportHandle : NativeHandle
    {
        protected override bool ReleaseHandle() { NativeMethods.cachain_export_free(handle); return true; }
    }

    internal sealed class StoreHandle : NativeHandle
    {
        protected override bool ReleaseHandle() { NativeMethods.cachain_store_free(handle); return true; }
    }

    internal sealed class PlacementHandle : NativeHandle
    {
        protected override bool ReleaseHandle() { NativeMethods.cachain_placement_free(handle); return true; }
    }

    internal sealed class VerdictsHandle : NativeHandle
    {
        protected override bool ReleaseHandle() { NativeMethods.cachain_verdicts_free(handle); return true; }
    }

    internal sealed class ExplanationHandle : NativeHandle
    {
        protected override bool ReleaseHandle() { NativeMethods.cachain_explanation_free(handle); return true; }
    }
}
