using System;
using System.Management.Automation;
using System.Security;
using CaChain.Native;
using CaChain.Stores;

namespace CaChain.Commands
{
    // Opening the store that -StoreLocation, -StorePath and -SystemRoot name,
    // for Import-, Remove- and Test-CaChain alike.
    internal static class StoreOpening
    {
        // The store, or null after handing fail (WriteError, or
        // ThrowTerminatingError) the error, which names the store as given.
        public static StoreTarget Open(PSCmdlet cmdlet, CaChainStoreLocation location, string storePath, string systemRoot, Action<ErrorRecord> fail,
            SecureString keystorePassword = null)
        {
            try
            {
                return StoreTarget.Open(cmdlet.SessionState, location, storePath, systemRoot, keystorePassword);
            }
            catch (CaChainException error)
            {
                fail(CommandErrors.Record(cmdlet, error, (object)storePath ?? location));
                return null;
            }
        }
    }
}
