using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using CaChain.Native;

namespace CaChain.Commands
{
    // How Import-CaChain and Get-, Export- and Test-CaChain (ChainSourceCommand)
    // read what they are given: paths resolved as PowerShell users expect,
    // files read with -Password, piped strings told apart (a path, or
    // certificate text), and each bad item's errors written, naming it.
    //
    // The parameters themselves (-Path, -LiteralPath, -InputObject, -RawData,
    // -Password) stay declared in each cmdlet: PowerShell lists a base
    // class's parameters after the derived class's, so declaring them here
    // would reorder each cmdlet's parameter sets and its help's SYNTAX.
    public abstract class CertificateInputCommand : PSCmdlet
    {
        protected const string PathSet = "Path", LiteralPathSet = "LiteralPath", CertificateSet = "Certificate", ElementSet = "RawData";

        // The cmdlet's -Password, for PKCS#12 files.
        private protected abstract SecureString FilePassword { get; }

        private protected string PlainPassword() => FilePassword == null ? null : new NetworkCredential(string.Empty, FilePassword).Password;

        private protected IEnumerable<string> ResolvePath(string path, bool literal) => ProviderPaths.Resolve(this, path, literal);

        // A file, or every file of a folder.
        private protected void ReadPath(CertificateSet set, string path)
        {
            WriteVerbose($"Reading {path}");
            set.AddPath(path, PlainPassword());
        }

        private PipelineStrings strings;

        // A piped string: a path (file), certificate text (text), or an error
        // naming it, after which neither is told.
        private protected void TakeString(string text, Action<string> file, Action<string> certificateText, Action<string> neither)
        {
            if (strings == null) strings = new PipelineStrings(this);
            strings.Take(text, file, certificateText, notEither =>
            {
                WriteError(CommandErrors.Record(this, new ArgumentException(PipelineStrings.NeitherMessage(notEither)),
                    "NotFileOrCertificate", ErrorCategory.InvalidArgument, notEither));
                neither(notEither);
            });
        }

        // A block of certificate text still open at the end of the pipeline, or null.
        private protected string FlushStrings() => strings?.Flush();

        // Writes the set's problems since problemsBefore (or failure when the
        // set recorded none: a failed read is usually both) through write
        // (WriteError by default), and counts them.
        // Each error names the bad file (of a folder, of -IssuerPath), not
        // the item it came with.
        private protected int ReportNew(CertificateSet set, int problemsBefore, CaChainException failure, object target, bool extraIssuers = false,
            Action<ErrorRecord> write = null)
        {
            if (write == null) write = WriteError;
            var problems = set.Problems.Skip(problemsBefore).ToList();
            foreach (CaChainException problem in problems)
                write(CommandErrors.Record(this, problem, extraIssuers ? problem.TargetOrItem(target) : problem.TargetFor(target)));
            if (problems.Count == 0 && failure != null) write(CommandErrors.Record(this, failure, target));
            return Math.Max(problems.Count, failure != null ? 1 : 0);
        }
    }
}
