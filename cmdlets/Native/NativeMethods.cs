using System;
using System.Runtime.InteropServices;
using CaChain.Stores;

namespace CaChain.Native
{
    // Every call into libcachain. Signatures mirror native/include/cachain/cachain.h;
    // strings go in as UTF-8 byte arrays (Utf8.ToNative) and come back as
    // borrowed pointers (Utf8.FromNative). Owned results are SafeHandles.
    internal static class NativeMethods
    {
        public const string Library = "cachain";

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr cachain_last_error();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr cachain_version();

        // Certificates (borrowed from their set, chain or result)
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr cachain_cert_text(IntPtr cert, CertText field);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern long cachain_cert_number(IntPtr cert, CertNumber field);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_cert_der(IntPtr cert, out IntPtr der, out UIntPtr length);

        // Sets
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_set_new(out SetHandle set);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void cachain_set_free(IntPtr set);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_set_add_bytes(SetHandle set, byte[] data, UIntPtr length, byte[] item, byte[] password);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, EntryPoint = "cachain_set_add_bytes")]
        public static extern Status cachain_set_add_bytes_borrowed(IntPtr set, byte[] data, UIntPtr length, byte[] item, byte[] password);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_set_add_path(SetHandle set, byte[] path, byte[] password);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_set_add_local_issuers(SetHandle set, byte[] systemRoot);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_set_add_set(SetHandle set, SetHandle other);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern UIntPtr cachain_set_count(SetHandle set);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr cachain_set_cert(SetHandle set, UIntPtr index);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern UIntPtr cachain_set_problem_count(SetHandle set);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_set_problem(SetHandle set, UIntPtr index, out Status code, out IntPtr item, out IntPtr message);

        // Discovery
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_discover_with_options(SetHandle inputs, SetHandle pool, ref DiscoverOptions options, out ChainsHandle chains);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void cachain_chains_free(IntPtr chains);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern UIntPtr cachain_chains_count(ChainsHandle chains);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr cachain_chains_get(ChainsHandle chains, UIntPtr index);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern long cachain_chain_number(IntPtr chain, ChainNumber field);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr cachain_chain_text(IntPtr chain, ChainText field);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern UIntPtr cachain_chain_length(IntPtr chain);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr cachain_chain_cert(IntPtr chain, UIntPtr depth);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int cachain_chain_role(IntPtr chain, UIntPtr depth);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int cachain_chain_validity(IntPtr chain, UIntPtr depth);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr cachain_chain_source(IntPtr chain, UIntPtr depth);

        // Live sources
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_endpoint_parse(byte[] text, uint defaultPort, out EndpointHandle endpoint);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void cachain_endpoint_free(IntPtr endpoint);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr cachain_endpoint_text(EndpointHandle endpoint);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_fetch_endpoint(byte[] endpoint, int protocol, uint timeoutSeconds, SetHandle target, SetHandle pool);

        // Export
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_export_chain(IntPtr chain, byte[] directory, int format, uint flags, out ExportHandle result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void cachain_export_free(IntPtr result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern UIntPtr cachain_export_count(ExportHandle result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_export_file(ExportHandle result, UIntPtr index, out IntPtr path, out int action, out Status status, out IntPtr message);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr cachain_export_cert(ExportHandle result, UIntPtr index);

        // Stores
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_store_open(CaChainStoreLocation location, byte[] path, out StoreHandle store);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_store_open_java(byte[] keystore, byte[] password, out StoreHandle store);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_store_open_callbacks(ref StoreCallbacks callbacks, byte[] rootLocation, byte[] caLocation, out StoreHandle store);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void cachain_store_free(IntPtr store);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr cachain_store_location_text(StoreHandle store, int name);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_store_list(StoreHandle store, int name, out SetHandle certs);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_place(StoreHandle store, SetHandle certs, uint flags, out PlacementHandle result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_place_except_in(StoreHandle store, SetHandle certs, uint flags, int[] names, IntPtr[] thumbprints, IntPtr[] locations, UIntPtr count, out PlacementHandle result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_unplace_in(StoreHandle store, int[] names, IntPtr[] thumbprints, IntPtr[] locations, UIntPtr count, uint flags, out PlacementHandle result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void cachain_placement_free(IntPtr result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern UIntPtr cachain_placement_count(PlacementHandle result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr cachain_placement_cert(PlacementHandle result, UIntPtr index);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern long cachain_placement_number(PlacementHandle result, UIntPtr index, int field);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr cachain_placement_text(PlacementHandle result, UIntPtr index, int field);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern UIntPtr cachain_placement_warning_count(PlacementHandle result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr cachain_placement_warning(PlacementHandle result, UIntPtr index);

        // Trust evaluation
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_evaluate_with_options(StoreHandle store, SetHandle inputs, SetHandle issuers, ref EvaluateOptions options, out VerdictsHandle verdicts);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void cachain_verdicts_free(IntPtr verdicts);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern UIntPtr cachain_verdicts_count(VerdictsHandle verdicts);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr cachain_verdict_chain(VerdictsHandle verdicts, UIntPtr index);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern long cachain_verdict_number(VerdictsHandle verdicts, UIntPtr index, int field);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr cachain_verdict_text(VerdictsHandle verdicts, UIntPtr index, int field);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern UIntPtr cachain_verdict_revocation_count(VerdictsHandle verdicts, UIntPtr index);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern long cachain_verdict_revocation_number(VerdictsHandle verdicts, UIntPtr index, UIntPtr element, int field);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr cachain_verdict_revocation_text(VerdictsHandle verdicts, UIntPtr index, UIntPtr element, int field);

        // The error catalogue
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_explain(byte[] code, out ExplanationHandle result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void cachain_explanation_free(IntPtr explanation);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern UIntPtr cachain_catalog_count();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern Status cachain_catalog_entry(UIntPtr index, out ExplanationHandle result);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr cachain_explanation_text(ExplanationHandle explanation, int field);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern long cachain_explanation_value(ExplanationHandle explanation);

        public static string LastError() => Utf8.FromNative(cachain_last_error());
    }
}
