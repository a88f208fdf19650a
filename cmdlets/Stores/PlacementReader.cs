using System;
using System.Collections.Generic;
using CaChain.Native;

namespace CaChain.Stores
{
    // One entry of a libcachain placement result, with why it was skipped.
    internal sealed class PlacementEntry
    {
        public CaChainPlacement Result;
        public Status Status;
    }

    // Turns a placement or removal result into output objects.
    internal static class PlacementReader
    {
        private static readonly string[] Actions = { "Added", "AlreadyPresent", "WouldAdd", "Skipped", "Removed", "NotPresent", "WouldRemove" };

        public static List<PlacementEntry> Read(PlacementHandle result, StoreTarget target)
        {
            var entries = new List<PlacementEntry>();
            ulong count = result.IsInvalid ? 0 : NativeMethods.cachain_placement_count(result).ToUInt64();
            for (ulong i = 0; i < count; i++)
            {
                var index = (UIntPtr)i;
                IntPtr cert = NativeMethods.cachain_placement_cert(result, index);
                int store = (int)NativeMethods.cachain_placement_number(result, index, PlacementFields.Store);
                int action = (int)NativeMethods.cachain_placement_number(result, index, PlacementFields.Action);
                var status = (Status)NativeMethods.cachain_placement_number(result, index, PlacementFields.Status);
                bool inNoStore = action == 3 && status != Status.Cancelled;  // refused by the rule, not declined
                entries.Add(new PlacementEntry
                {
                    Status = status,
                    Result = new CaChainPlacement
                    {
                        Thumbprint = Utf8.FromNative(NativeMethods.cachain_placement_text(result, index, PlacementFields.Thumbprint)),
                        Subject = cert == IntPtr.Zero ? string.Empty : NativeCertificate.Text(cert, CertText.Subject),
                        Role = cert == IntPtr.Zero ? string.Empty : NativeCertificate.Role((int)NativeMethods.cachain_cert_number(cert, CertNumber.Role)),
                        Store = inNoStore ? string.Empty : ((CaChainStoreName)store).ToString(),
                        Location = inNoStore ? string.Empty : Utf8.FromNative(NativeMethods.cachain_placement_text(result, index, PlacementFields.Location)),
                        StoreLocation = target.StoreLocation.ToString(),
                        StorePath = target.StorePath,
                        SystemRoot = target.SystemRoot,
                        Action = Actions[action],
                        Message = Utf8.FromNative(NativeMethods.cachain_placement_text(result, index, PlacementFields.Message)),
                        PlacedOn = Environment.MachineName,
                    },
                });
            }
            return entries;
        }

        // What the user must still do for the change to take effect (a
        // command to run inside an image), as the library words it.
        public static List<string> Warnings(PlacementHandle result)
        {
            var warnings = new List<string>();
            ulong count = result.IsInvalid ? 0 : NativeMethods.cachain_placement_warning_count(result).ToUInt64();
            for (ulong i = 0; i < count; i++) warnings.Add(Utf8.FromNative(NativeMethods.cachain_placement_warning(result, (UIntPtr)i)));
            return warnings;
        }
    }
}
