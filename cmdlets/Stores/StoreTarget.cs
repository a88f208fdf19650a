using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security;
using System.Runtime.InteropServices;
using CaChain.Native;

namespace CaChain.Stores
{
    // Which stores a cmdlet works on: the system's (LocalMachine or
    // CurrentUser), a directory store, a PEM bundle or NSS databases, opened
    // as one libcachain store.
    internal sealed class StoreTarget : IDisposable
    {
        private DotNetUserStore userStore;

        private StoreTarget(StoreHandle handle, CaChainStoreLocation location, string storePath, string systemRoot, DotNetUserStore userStore)
        {
            Handle = handle;
            StoreLocation = location;
            StorePath = storePath;
            SystemRoot = systemRoot;
            this.userStore = userStore;
        }

        public StoreHandle Handle { get; }
        public CaChainStoreLocation StoreLocation { get; }
        public string StorePath { get; }
        public string SystemRoot { get; }

        // The same, with PowerShell paths (relative, PSDrive) resolved.
        public static StoreTarget Open(System.Management.Automation.SessionState session, CaChainStoreLocation location, string storePath, string systemRoot, SecureString keystorePassword = null) =>
            Open(location, ResolveFolder(session, storePath), ResolveFolder(session, systemRoot), keystorePassword);

        private static string ResolveFolder(System.Management.Automation.SessionState session, string path) =>
            path == null ? null : session.Path.GetUnresolvedProviderPathFromPSPath(path);

        // Whether -StorePath names a directory store: it does unless
        // -StoreLocation Bundle or Nss makes it a bundle's file or an NSS
        // database. Where it does, the location need not be passed on (a
        // target reads the path alone).
        public static bool IsDirectoryStorePath(CaChainStoreLocation location, string storePath) =>
            !string.IsNullOrEmpty(storePath) && !location.TakesStorePath();

        // storePath: a directory store, with Bundle the bundle file (null
        // for the user's own), with Nss the NSS database (null for every one
        // of the user's); systemRoot: on Linux, the folder that stands
        // for / (a container image, a chroot, a test).
        public static StoreTarget Open(CaChainStoreLocation location, string storePath, string systemRoot, SecureString keystorePassword = null)
        {
            if (location == CaChainStoreLocation.Java)
            {
                StoreHandle java = OpenJava(storePath, keystorePassword);
                // The keystore itself, also when the JDK's cacerts was meant: Remove-CaChain finds it.
                string keystore = Utf8.FromNative(NativeMethods.cachain_store_location_text(java, (int)CaChainStoreName.Root));
                return new StoreTarget(java, location, keystore, null, null);
            }
            if (location == CaChainStoreLocation.Directory && storePath == null)
                throw new CaChainException(Status.Argument, "StoreLocation Directory: give the folder with -StorePath");
            if (location == CaChainStoreLocation.Bundle)
            {
                CaChainException.ThrowIfFailed(NativeMethods.cachain_store_open(CaChainStoreLocation.Bundle, Utf8.ToNative(storePath ?? DefaultBundlePath()), out StoreHandle bundle));
                // The file itself, also when the default was meant: results name it, and Remove-CaChain finds it.
                string file = Utf8.FromNative(NativeMethods.cachain_store_location_text(bundle, (int)CaChainStoreName.Root));
                return new StoreTarget(bundle, location, file, null, null);
            }
            if (location == CaChainStoreLocation.Nss)
            {
                CaChainException.ThrowIfFailed(NativeMethods.cachain_store_open(CaChainStoreLocation.Nss, Utf8.ToNative(storePath), out StoreHandle nss));
                return new StoreTarget(nss, location, storePath, null, null);
            }
            if (storePath != null)
            {
                CaChainException.ThrowIfFailed(NativeMethods.cachain_store_open(CaChainStoreLocation.Directory, Utf8.ToNative(storePath), out StoreHandle directory));
                return new StoreTarget(directory, CaChainStoreLocation.Directory, storePath, null, null);
            }
            if (location == CaChainStoreLocation.CurrentUser && !RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                var user = new DotNetUserStore();
                return new StoreTarget(user.Open(), location, null, null, user);
            }
            CaChainException.ThrowIfFailed(NativeMethods.cachain_store_open(location, Utf8.ToNative(systemRoot), out StoreHandle system));
            return new StoreTarget(system, location, null, systemRoot, null);
        }

        // The password reaches the library as UTF-8 bytes that are wiped after the call.
        private static StoreHandle OpenJava(string keystore, SecureString password)
        {
            byte[] secret = password == null ? null : Utf8.ToNative(new NetworkCredential(string.Empty, password).Password);
            try
            {
                CaChainException.ThrowIfFailed(NativeMethods.cachain_store_open_java(Utf8.ToNative(keystore), secret, out StoreHandle java));
                return java;
            }
            finally
            {
                if (secret != null) Array.Clear(secret, 0, secret.Length);
            }
        }

        // The user's own bundle, by the library's rule (cachain.h), but from
        // the environment as this session sees it: outside Windows, .NET keeps
        // $env: changes to itself, so the library would not see a changed
        // XDG_DATA_HOME. LocalApplicationData is $XDG_DATA_HOME or
        // ~/.local/share there, %LOCALAPPDATA% on Windows.
        private static string DefaultBundlePath()
        {
            string data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(data))
                throw new CaChainException(Status.Argument, "no folder for the user's own bundle (neither XDG_DATA_HOME nor HOME is set): name the bundle file with -StorePath");
            string folder = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "CaChain" : "cachain";
            return System.IO.Path.Combine(data, folder, "ca-bundle.pem");
        }

        // What the store holds under name, as libcachain lists it.
        public CertificateSet List(CaChainStoreName name)
        {
            Status status = NativeMethods.cachain_store_list(Handle, (int)name, out SetHandle certs);
            if (status != Status.Ok)
            {
                certs.Dispose();
                throw Failure(status);
            }
            return new CertificateSet(certs);
        }

        // Places certs by the rule (flags: Flags.Place*), leaving out the
        // entries in except (declined at -Confirm, each for the store at its
        // location). Throws a CaChainException when the store could not be
        // changed; nothing is then changed.
        public Placement Place(CertificateSet certs, uint flags, IReadOnlyList<(CaChainStoreName store, string thumbprint, string location)> except)
        {
            int[] names = except.Select(e => (int)e.store).ToArray();
            using (var thumbprints = new NativeStrings(except.Select(e => e.thumbprint)))
            using (var locations = new NativeStrings(except.Select(e => e.location)))
            {
                Status status = NativeMethods.cachain_place_except_in(Handle, certs.Handle, flags, names, thumbprints.Pointers, locations.Pointers, (UIntPtr)names.Length, out PlacementHandle result);
                return ReadPlacement(status, result);
            }
        }

        // Removes each entry (a thumbprint from a store, in the one store at
        // location, or in every store when location is null) in one
        // transaction, or with Flags.PlaceDryRun tells what it would remove.
        public Placement Unplace(IReadOnlyList<(CaChainStoreName store, string thumbprint, string location)> entries, uint flags)
        {
            int[] names = entries.Select(e => (int)e.store).ToArray();
            using (var thumbprints = new NativeStrings(entries.Select(e => e.thumbprint)))
            using (var locations = new NativeStrings(entries.Select(e => e.location)))
            {
                Status status = NativeMethods.cachain_unplace_in(Handle, names, thumbprints.Pointers, locations.Pointers, (UIntPtr)entries.Count, flags, out PlacementHandle result);
                return ReadPlacement(status, result);
            }
        }

        private Placement ReadPlacement(Status status, PlacementHandle result)
        {
            using (result)
            {
                if (status != Status.Ok) throw Failure(status);
                return PlacementReader.Read(result, this);
            }
        }

        // Whether this store trusts each chain of inputs, built with issuers;
        // endpoint tags the chains' elements. Throws a CaChainException when
        // the store cannot be read.
        public List<Verdict> Evaluate(CertificateSet inputs, CertificateSet issuers, string endpoint, EvaluationRequest request)
        {
            byte[] name = Utf8.ToNative(request.DnsName);
            GCHandle dnsName = name == null ? default(GCHandle) : GCHandle.Alloc(name, GCHandleType.Pinned);
            try
            {
                EvaluateOptions options = request.ToNative(name == null ? IntPtr.Zero : dnsName.AddrOfPinnedObject());
                Status status = NativeMethods.cachain_evaluate_with_options(Handle, inputs.Handle, issuers.Handle, ref options, out VerdictsHandle verdicts);
                using (verdicts)
                {
                    if (status != Status.Ok) throw Failure(status);
                    return Verdict.ReadAll(verdicts, endpoint);
                }
            }
            finally
            {
                if (dnsName.IsAllocated) dnsName.Free();
            }
        }

        public string Location(CaChainStoreName name) => Utf8.FromNative(NativeMethods.cachain_store_location_text(Handle, (int)name));

        // A failed call's exception, with .NET's own words when the .NET store failed.
        private CaChainException Failure(Status status)
        {
            string message = NativeMethods.LastError();
            if (userStore?.LastFailure != null) message += ": " + userStore.LastFailure.Message;
            return new CaChainException(status, message);
        }

        public void Dispose()
        {
            Handle.Dispose();
            userStore?.Dispose();
            userStore = null;
        }
    }
}
