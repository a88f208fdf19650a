using System;
using System.Collections.Generic;
using CaChain.Native;

namespace CaChain.Stores
{
    // One entry of a libcachain placement result: the output object, and
    // the decision and store as enums for the cmdlet's own choices.
    internal sealed class PlacementEntry
    {
        public CaChainPlacement Result;
        public PlacementAction Action;
        public CaChainStoreName Store;
        // Why it was skipped (Cancelled: declined at -Confirm), Ok otherwise.
        internal Status Status;

        public bool Declined => Status == Status.Cancelled;

        // A skipped entry's reason as the exception its error reports.
        public CaChainException Failure => new CaChainException(Status, Result.Message);
    }

    // A placement or removal: its entries, and what the user must still do
    // for the change to take effect (a command to run inside an image), as
    // the library words it.
    internal sealed class Placement
    {
        public List<PlacementEntry> Entries;
        public List<string> Warnings;
    }

    // Turns a placement or removal result into output objects.
    internal static class PlacementReader
    {
        public static Placement Read(PlacementHandle result, StoreTarget target) =>
            new Placement { Warnings = Warnings(result), Entries = Entries(result, target) };

        private static List<PlacementEntry> Entries(PlacementHandle result, StoreTarget target)
        {
            var entries = new List<PlacementEntry>();
            ulong count = result.IsInvalid ? 0 : NativeMethods.cachain_placement_count(result).ToUInt64();
            for (ulong i = 0; i < count; i++)
            {
                var index = (UIntPtr)i;
                long Number(PlacementNumber field) => NativeMethods.cachain_placement_number(result, index, (int)field);
                string Text(PlacementText field) => Utf8.FromNative(NativeMethods.cachain_placement_text(result, index, (int)field));
                var cert = new Certificate(NativeMethods.cachain_placement_cert(result, index));
                var store = (CaChainStoreName)Number(PlacementNumber.Store);
                var action = (PlacementAction)Number(PlacementNumber.Action);
                var status = (Status)Number(PlacementNumber.Status);
                var storeLocation = (CaChainStoreLocation)Number(PlacementNumber.StoreLocation);
                bool inNoStore = action == PlacementAction.Skipped && status != Status.Cancelled;  // refused by the rule, not declined
                entries.Add(new PlacementEntry
                {
                    Action = action,
                    Store = store,
                    Status = status,
                    Result = new CaChainPlacement
                    {
                        Thumbprint = Text(PlacementText.Thumbprint),
                        Subject = cert.IsNone ? string.Empty : cert.Subject,
                        Role = cert.IsNone ? string.Empty : cert.Role.ToString(),
                        Store = inNoStore ? string.Empty : store.ToString(),
                        Location = inNoStore ? string.Empty : Text(PlacementText.Location),
                        // The kind of the store it is in (with All, the one it went to), for Remove-CaChain to find it again.
                        StoreLocation = storeLocation.ToString(),
                        StorePath = StorePathOf(target, storeLocation, Text(PlacementText.Location)),
                        SystemRoot = storeLocation == CaChainStoreLocation.LocalMachine ? target.SystemRoot : null,
                        Action = action.ToString(),
                        Message = Text(PlacementText.Message),
                        PlacedOn = Environment.MachineName,
                    },
                });
            }
            return entries;
        }

        // The store an entry is in: with every NSS database of the user, or
        // with All, the one database, keystore or bundle file it went to
        // (or, for an entry it left out, was considered for).
        private static string StorePathOf(StoreTarget target, CaChainStoreLocation entryLocation, string location) =>
            entryLocation.TakesStorePath() && !string.IsNullOrEmpty(location) ? location : target.StorePath;

        private static List<string> Warnings(PlacementHandle result)
        {
            var warnings = new List<string>();
            ulong count = result.IsInvalid ? 0 : NativeMethods.cachain_placement_warning_count(result).ToUInt64();
            for (ulong i = 0; i < count; i++) warnings.Add(Utf8.FromNative(NativeMethods.cachain_placement_warning(result, (UIntPtr)i)));
            return warnings;
        }
    }
}
