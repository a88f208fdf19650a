using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using CaChain.Native;

namespace CaChain.Stores
{
    // CurrentUser outside Windows: .NET's own per-user X509Store (Root and
    // CertificateAuthority), which pwsh and .NET programs of this user trust.
    // .NET keeps it as files that are not meant to be written by hand, so the
    // native placement rules drive it through these callbacks instead.
    internal sealed class DotNetUserStore : IDisposable
    {
        private readonly X509Store root = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        private readonly X509Store intermediate = new X509Store(StoreName.CertificateAuthority, StoreLocation.CurrentUser);
        private readonly ContainsCallback contains;
        private readonly AddCallback add;
        private readonly RemoveCallback remove;
        private readonly ListCallback list;

        public DotNetUserStore()
        {
            // The delegates live as long as this object, so native code never
            // calls into a collected one.
            contains = Contains;
            add = Add;
            remove = Remove;
            list = List;
        }

        // The last exception a callback turned into a status, for the error message.
        public Exception LastFailure { get; private set; }

        public StoreHandle Open()
        {
            var callbacks = new StoreCallbacks
            {
                Version = StoreCallbacks.CurrentVersion,
                Contains = Marshal.GetFunctionPointerForDelegate(contains),
                Add = Marshal.GetFunctionPointerForDelegate(add),
                Remove = Marshal.GetFunctionPointerForDelegate(remove),
                List = Marshal.GetFunctionPointerForDelegate(list),
            };
            CaChainException.ThrowIfFailed(NativeMethods.cachain_store_open_callbacks(ref callbacks,
                Utf8.ToNative(@"CurrentUser\Root (.NET X509Store)"), Utf8.ToNative(@"CurrentUser\CA (.NET X509Store)"), out StoreHandle store));
            return store;
        }

        private bool rootOpen, intermediateOpen;

        // Opens a store on first use only: .NET reads the store's folder at
        // every Open, and placement calls back once per certificate and store.
        private X509Store Store(int name)
        {
            ref bool open = ref (name == 0 ? ref rootOpen : ref intermediateOpen);
            X509Store store = name == 0 ? root : intermediate;
            if (!open) store.Open(OpenFlags.ReadWrite);
            open = true;
            return store;
        }

        private X509Certificate2Collection Find(X509Store store, IntPtr thumbprint) =>
            store.Certificates.Find(X509FindType.FindByThumbprint, Utf8.FromNative(thumbprint), validOnly: false);

        private Status Contains(IntPtr context, int name, IntPtr thumbprint, out int present)
        {
            int found = 0;
            Status status = Guard(() => found = Find(Store(name), thumbprint).Count > 0 ? 1 : 0);
            present = found;
            return status;
        }

        private Status Add(IntPtr context, int name, IntPtr der, UIntPtr length, IntPtr thumbprint, out int added)
        {
            int done = 0;
            Status status = Guard(() =>
            {
                X509Store store = Store(name);
                if (Find(store, thumbprint).Count > 0) return;
                var bytes = new byte[(int)length.ToUInt64()];
                Marshal.Copy(der, bytes, 0, bytes.Length);
                store.Add(new X509Certificate2(bytes));
                done = 1;
            });
            added = done;
            return status;
        }

        private Status Remove(IntPtr context, int name, IntPtr thumbprint, out int removed)
        {
            int done = 0;
            Status status = Guard(() =>
            {
                X509Store store = Store(name);
                foreach (X509Certificate2 certificate in Find(store, thumbprint))
                {
                    store.Remove(certificate);
                    done = 1;
                }
            });
            removed = done;
            return status;
        }

        private Status List(IntPtr context, int name, IntPtr into) =>
            Guard(() =>
            {
                foreach (X509Certificate2 certificate in Store(name).Certificates)
                    NativeMethods.cachain_set_add_bytes_borrowed(into, certificate.RawData, (UIntPtr)certificate.RawData.Length, Utf8.ToNative(certificate.Thumbprint), null);
            });

        // No exception may cross into native code.
        private Status Guard(Action action)
        {
            try
            {
                action();
                return Status.Ok;
            }
            catch (UnauthorizedAccessException error)
            {
                LastFailure = error;
                return Status.AccessDenied;
            }
            catch (Exception error)
            {
                LastFailure = error;
                return Status.IO;
            }
        }

        public void Dispose()
        {
            root.Dispose();
            intermediate.Dispose();
        }
    }
}
