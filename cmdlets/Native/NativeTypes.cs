using System;
using System.Runtime.InteropServices;

namespace CaChain.Native
{
    // Values of the C enums and flags the cmdlets use (cachain.h); the public
    // enums in Model/ (CaChainStoreLocation, CaChainFormat...) mirror the others.
    // tests/module/NativeTypes.Tests.ps1 checks every enum against the header.
    internal enum Status
    {
        Ok = 0, Argument = 1, Empty = 2, Truncated = 3, NotCertificate = 4, UnsupportedFormat = 5,
        WrongPassword = 6, IO = 7, Exists = 8, TooLarge = 9, AccessDenied = 10, Cancelled = 11,
        Refused = 12, NotSupported = 13, PathNotFound = 14, HostNotFound = 15, ConnectionFailed = 16, TimedOut = 17, PasswordNeeded = 18,
        Internal = 99
    }

    internal enum CertText
    {
        Subject = 0, Issuer = 1, CommonName = 2, Thumbprint = 3, Sha256 = 4, Serial = 5,
        SubjectKeyId = 6, AuthorityKeyId = 7, CaIssuersUrl = 8
    }

    internal enum CertNumber { NotBefore = 0, NotAfter = 1, IsCA = 2, PathLength = 3, KeyUsage = 4, SelfSigned = 5, Role = 6 }

    internal enum ChainNumber { Status = 0, Target = 1, Rank = 2 }

    internal enum ChainText { Summary = 0, MissingIssuer = 1, MissingKeyId = 2, MissingIssuerUrl = 3 }

    internal static class Flags
    {
        public const uint DiscoverOffline = 0x1;
        public const uint EvaluateDownloadIssuers = 0x1, EvaluateCheckRevocation = 0x2, EvaluateRevocationOffline = 0x4;
        public const uint ExportIncludeLeaf = 0x1, ExportForce = 0x2, ExportDryRun = 0x4;
        public const uint PlaceDryRun = 0x1, PlaceForce = 0x2, PlaceRootNotInCA = 0x4;
    }

    internal enum PlacementNumber { Store = 0, Action = 1, Status = 2, StoreLocation = 3 }

    internal enum PlacementText { Thumbprint = 0, Location = 1, Message = 2 }

    internal enum VerdictNumber
    {
        Trusted = 0, ChainError = 1, TlsError = 2, OpenSslCode = 3, Cause = 4,
        RevocationStatus = 5, RevocationError = 6, RevocationOpenSslCode = 7
    }

    internal enum VerdictText { Reason = 0, Fix = 1, OpenSsl = 2, Warnings = 3, Unreadable = 4, RevocationReason = 5, RevocationFix = 6 }

    internal enum RevocationNumber { Status = 0, RevokedAt = 1, OpenSslCode = 2 }

    internal enum RevocationText { Subject = 0, ReasonCode = 1, Published = 2, Reached = 3, Summary = 4 }

    internal enum ExplanationText { Code = 0, Name = 1, Kind = 2, Description = 3, Causes = 4, Fix = 5 }

    // The decisions libcachain returns. Their names are what the output
    // objects show (CaChainPlacement.Action "WouldAdd", CaChainElement.Role).
    internal enum CertificateRole { Leaf = 0, Intermediate = 1, Root = 2 }

    internal enum ChainStatus { Complete = 0, MissingIssuer = 1, LimitReached = 2 }

    internal enum Validity { Valid = 0, Expired = 1, NotYetValid = 2 }

    internal enum FileAction { Written = 0, Unchanged = 1, Replaced = 2, WouldWrite = 3, Failed = 4 }

    internal enum PlacementAction { Added = 0, AlreadyPresent = 1, WouldAdd = 2, Skipped = 3, Removed = 4, NotPresent = 5, WouldRemove = 6 }

    // cachain_discover_options.
    [StructLayout(LayoutKind.Sequential)]
    internal struct DiscoverOptions
    {
        public const uint CurrentVersion = 2;  // CACHAIN_DISCOVER_OPTIONS_VERSION
        public uint Version;
        public uint Flags;
        public uint TimeoutSeconds;
        public uint MaxPaths;
    }

    // cachain_evaluate_options. DnsName points at NUL-terminated UTF-8 that
    // stays pinned for the call (StoreTarget.Evaluate).
    [StructLayout(LayoutKind.Sequential)]
    internal struct EvaluateOptions
    {
        public const uint CurrentVersion = 1;  // CACHAIN_EVALUATE_OPTIONS_VERSION
        public uint Version;
        public long At;
        public int Purpose;
        public IntPtr DnsName;
        public uint WarnWithinDays;
        public uint Flags;
        public uint TimeoutSeconds;
    }

    // cachain_store_callbacks: a store whose four operations are ours.
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate Status ContainsCallback(IntPtr context, int name, IntPtr thumbprint, out int present);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate Status AddCallback(IntPtr context, int name, IntPtr der, UIntPtr length, IntPtr thumbprint, out int added);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate Status RemoveCallback(IntPtr context, int name, IntPtr thumbprint, out int removed);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate Status ListCallback(IntPtr context, int name, IntPtr into);

    [StructLayout(LayoutKind.Sequential)]
    internal struct StoreCallbacks
    {
        public const uint CurrentVersion = 1;  // CACHAIN_STORE_CALLBACKS_VERSION
        public uint Version;
        public IntPtr Context;
        public IntPtr Contains;
        public IntPtr Add;
        public IntPtr Remove;
        public IntPtr List;
    }
}
