using System;
using System.Management.Automation;
using CaChain.Stores;

namespace CaChain.Commands
{
    // -StoreLocation, -StorePath and -SystemRoot each name a store; some of
    // them name different stores, and one silently winning would write where
    // the user did not ask. -StorePath is a directory store's folder, or with
    // -StoreLocation Bundle the bundle's file, with Nss an NSS database's
    // folder, with Java a keystore, and has no system root; a system root
    // (on Linux, the folder that stands for /) belongs to LocalMachine, and
    // to All, which places there too. Import-, Remove- and Test-CaChain
    // refuse the same combinations with the same errors.
    internal static class StoreTargetConflict
    {
        // The error for the first conflict, or null. location is null when
        // -StoreLocation was not given; storePath and systemRoot are null
        // when not given.
        public static ErrorRecord Find(PSCmdlet cmdlet, CaChainStoreLocation? location, string storePath, string systemRoot, bool keystorePassword = false)
        {
            if (keystorePassword && location != CaChainStoreLocation.Java)
            {
                return Refusal(cmdlet, $"-KeystorePassword is the password of a Java keystore: it goes with -StoreLocation Java only.",
                    "KeystorePasswordWithoutJava", location?.ToString() ?? "LocalMachine");
            }
            if (storePath != null && systemRoot != null)
            {
                return Refusal(cmdlet, $"-StorePath '{storePath}' is {location.StorePathNoun()} and -SystemRoot '{systemRoot}' is the LocalMachine store of an image: give one of them, not both.",
                    "StorePathAndSystemRoot", storePath);
            }
            if (storePath != null && location.HasValue && location != CaChainStoreLocation.Directory && !location.Value.TakesStorePath())
            {
                return Refusal(cmdlet, $"-StoreLocation {location} and -StorePath '{storePath}' (a directory store) name different stores: give one of them, not both.",
                    "StoreLocationAndPath", storePath);
            }
            if (systemRoot != null && location.HasValue && !location.Value.TakesSystemRoot())
            {
                return Refusal(cmdlet, $"-SystemRoot '{systemRoot}' applies to LocalMachine and All only, not to -StoreLocation {location}: give one of them, not both.",
                    "StoreLocationAndSystemRoot", systemRoot);
            }
            return null;
        }

        // A keystore's password stays on this machine.
        public static ErrorRecord PasswordToOtherMachines(PSCmdlet cmdlet) =>
            Refusal(cmdlet, "-KeystorePassword is not sent to other machines: run the command there, or leave it out to use changeit.",
                "KeystorePasswordToOtherMachines", "KeystorePassword");

        private static ErrorRecord Refusal(PSCmdlet cmdlet, string message, string kind, string target) =>
            CommandErrors.Record(cmdlet, new ArgumentException(message), kind, ErrorCategory.InvalidArgument, target);
    }
}
