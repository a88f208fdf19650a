using System;

namespace CaChain.Native
{
    // A failure libcachain reported: its status and its message, which
    // already names the item and the reason.
    public sealed class CaChainException : Exception
    {
        internal CaChainException(Status status, string message, string item = null) : base(message) { Status = status; Item = item; }

        internal Status Status { get; }

        // What the failure is about, as libcachain named it (the bad file of
        // a folder, a store), or null when it did not say.
        internal string Item { get; }

        // The error's target: for a folder the user gave, the file of it the
        // failure names, not the folder; otherwise what the user gave (a
        // file, a host name, a certificate).
        internal object TargetFor(object given) =>
            given is string folder && !string.IsNullOrEmpty(Item) && System.IO.Directory.Exists(folder) ? Item : given;

        // For a failure among extra issuers (-IssuerPath): the file it names,
        // never the item the issuers were read for.
        internal object TargetOrItem(object given) => string.IsNullOrEmpty(Item) ? given : Item;

        // Throws when a call failed, with libcachain's message for it.
        internal static void ThrowIfFailed(Status status)
        {
            if (status != Status.Ok) throw new CaChainException(status, NativeMethods.LastError());
        }

        // Runs a read of certificates and returns its failure, or null: a
        // libcachain failure as it is, and an X509Certificate2 that holds no
        // certificate (disposed, or created empty) as NotCertificate.
        internal static CaChainException Capture(Action read)
        {
            try
            {
                read();
                return null;
            }
            catch (CaChainException error)
            {
                return error;
            }
            catch (System.Security.Cryptography.CryptographicException error)
            {
                return new CaChainException(Status.NotCertificate, "the object holds no readable certificate: " + error.Message);
            }
        }
    }
}
