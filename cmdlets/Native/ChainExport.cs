using System;
using System.Collections.Generic;

namespace CaChain.Native
{
    // One file of an export: what was (or would be) done with it.
    internal sealed class ExportedFile
    {
        public string Path;
        public FileAction Action;
        // Why the file failed (Action Failed), null otherwise.
        public CaChainException Failure;
        // The certificate the file holds; for a file that holds the whole
        // chain (.p7b), HoldsChain, and Subject and Thumbprint are empty.
        public bool HoldsChain;
        public CertificateRole Role;
        public string Subject = string.Empty, Thumbprint = string.Empty;
    }

    // The result of exporting one chain: its files, read before the result is
    // freed, and the call's own failure, null when it succeeded.
    internal sealed class ChainExport
    {
        internal ChainExport(ExportHandle result, CaChainException failure)
        {
            Failure = failure;
            ulong count = result.IsInvalid ? 0 : NativeMethods.cachain_export_count(result).ToUInt64();
            for (ulong i = 0; i < count; i++)
            {
                NativeMethods.cachain_export_file(result, (UIntPtr)i, out IntPtr path, out int action, out Status status, out IntPtr message);
                var file = new ExportedFile { Path = Utf8.FromNative(path), Action = (FileAction)action };
                Files.Add(file);
                if (file.Action == FileAction.Failed)
                {
                    file.Failure = new CaChainException(status, Utf8.FromNative(message));
                    continue;
                }
                var cert = new Certificate(NativeMethods.cachain_export_cert(result, (UIntPtr)i));
                file.HoldsChain = cert.IsNone;
                if (cert.IsNone) continue;
                file.Role = cert.Role;
                file.Subject = cert.Subject;
                file.Thumbprint = cert.Thumbprint;
            }
        }

        public List<ExportedFile> Files { get; } = new List<ExportedFile>();

        public CaChainException Failure { get; }
    }
}
