using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Management.Automation.Runspaces;
using CaChain.Native;
using CaChain.Remote;
using CaChain.Stores;

namespace CaChain.Commands
{
    // Remove-CaChain: undoes a placement by thumbprint, never by name or
    // serial number. Piped Import-CaChain results remove exactly what that
    // import added (entries it found already present are left alone); Get-CaChain
    // output or -Thumbprint removes from Root and CA. On other machines
    // (-SshHost, -TargetComputer, -Session), each machine undoes only what
    // was placed on it.
    [Cmdlet(VerbsCommon.Remove, "CaChain", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CaChainPlacement), typeof(CaChainTargetReport))]
    public sealed class RemoveCaChainCommand : PSCmdlet, IRemoteTargetParameters
    {
        private readonly Dictionary<(CaChainStoreLocation, string, string), List<(CaChainStoreName store, string thumbprint)>> requests =
            new Dictionary<(CaChainStoreLocation, string, string), List<(CaChainStoreName, string)>>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ThumbprintTransformation]
        [ArgumentCompleter(typeof(ThumbprintCompleter))]
        [ValidatePattern("^[0-9A-Fa-f]{40}$")]
        public string[] Thumbprint { get; set; }

        // Root or CA; both when not given.
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public CaChainStoreName[] Store { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public CaChainStoreLocation StoreLocation { get; set; } = CaChainStoreLocation.LocalMachine;

        // -NssDatabase and -KeystorePath name it for those kinds of store.
        [Alias("NssDatabase", "KeystorePath")]
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string StorePath { get; set; }

        // The password of a Java keystore (-StoreLocation Java); changeit,
        // a JDK's own, when not given. Never sent to other machines.
        [Parameter]
        public SecureString KeystorePassword { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string SystemRoot { get; set; }

        // An Import-CaChain result's Action: only what it Added is removed.
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        [Alias("Action")]
        public string PlacementAction { get; set; }

        // An Import-CaChain result's PlacedOn: results of an import on
        // another machine (-Session) are undone there, never here.
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string PlacedOn { get; set; }

        // Other machines (RemoteTargetParameters.cs says how they combine).
        [Parameter]
        [ValidateNotNullOrEmpty]
        public PSSession[] Session { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] SshHost { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string UserName { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string KeyFilePath { get; set; }

        [Parameter]
        public System.Collections.Hashtable SshOption { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] TargetComputer { get; set; }

        [Parameter]
        [Credential]
        public PSCredential Credential { get; set; }

        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = RemoteTargetSelection.DefaultThrottleLimit;

        [Parameter]
        public SwitchParameter CopyModule { get; set; }

        [Parameter]
        public SwitchParameter Summary { get; set; }

        // An Import-CaChain result's CaChainTarget: the machine of a fleet
        // call it was placed on, which alone may undo it.
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string CaChainTarget { get; set; }

        private List<RemoteTarget> remoteTargets;
        private readonly Dictionary<string, List<object>> remoteEntries = new Dictionary<string, List<object>>(StringComparer.OrdinalIgnoreCase);
        private RemoteFanOut fanOut;

        protected override void BeginProcessing()
        {
            remoteTargets = RemoteTargetSelection.Resolve(this, this);
            if (remoteTargets != null && KeystorePassword != null) ThrowTerminatingError(StoreTargetConflict.PasswordToOtherMachines(this));
            if (remoteTargets != null) foreach (RemoteTarget target in remoteTargets) remoteEntries[target.Label] = new List<object>();
        }

        protected override void ProcessRecord()
        {
            if (remoteTargets != null)
            {
                TakeForTargets();
                return;
            }
            if (!string.IsNullOrEmpty(CaChainTarget))
            {
                WriteError(CommandErrors.Record(this,
                    new InvalidOperationException($"{string.Join(", ", Thumbprint)} was placed on {CaChainTarget} through remoting, not on this machine: undo it there with the same target parameters, for example $placed | Remove-CaChain -SshHost <the same names> (or -Session, -TargetComputer)."),
                    "RemoteTarget", ErrorCategory.InvalidOperation, CaChainTarget));
                return;
            }
            if (!string.IsNullOrEmpty(PlacedOn) && !string.Equals(PlacedOn, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
            {
                WriteError(CommandErrors.Record(this,
                    new InvalidOperationException($"{string.Join(", ", Thumbprint)} was placed on {PlacedOn}, not on this machine: undo it there, for example with Invoke-Command -Session <its session> {{ $using:results | Remove-CaChain }}."),
                    "OtherComputer", ErrorCategory.InvalidOperation, PlacedOn));
                return;
            }
            if (!string.IsNullOrEmpty(PlacementAction) && PlacementAction != nameof(Native.PlacementAction.Added))
            {
                WriteVerbose($"Leaving {string.Join(", ", Thumbprint)} alone: the import reported it {PlacementAction}, so it did not add it.");
                return;
            }
            // Bound per pipeline object too: a conflicting object is refused, the others go on.
            CaChainStoreLocation? given = MyInvocation.BoundParameters.ContainsKey(nameof(StoreLocation)) ? StoreLocation : (CaChainStoreLocation?)null;
            ErrorRecord conflict = StoreTargetConflict.Find(this, given, NullIfEmpty(StorePath), NullIfEmpty(SystemRoot), KeystorePassword != null);
            if (conflict != null)
            {
                WriteError(conflict);
                return;
            }
            var location = StoreTarget.IsDirectoryStorePath(StoreLocation, StorePath) ? CaChainStoreLocation.Directory : StoreLocation;
            var key = (location, NullIfEmpty(StorePath), NullIfEmpty(SystemRoot));
            if (!requests.TryGetValue(key, out var list)) requests[key] = list = new List<(CaChainStoreName, string)>();
            foreach (string thumbprint in Thumbprint)
                foreach (CaChainStoreName store in Store ?? new[] { CaChainStoreName.Root, CaChainStoreName.CA })
                    if (!list.Contains((store, thumbprint.ToUpperInvariant()))) list.Add((store, thumbprint.ToUpperInvariant()));
        }

        private static string NullIfEmpty(string text) => string.IsNullOrEmpty(text) ? null : text;

        // An entry of a fleet import goes back to its own machine only; an
        // entry without one (-Thumbprint, Get-CaChain output) goes to every
        // target. Only what the import Added is undone.
        private void TakeForTargets()
        {
            // Placed on one machine by other means (a local import, or one inside Invoke-Command):
            // sent to every target, it could remove there what that import never placed.
            if (string.IsNullOrEmpty(CaChainTarget) && !string.IsNullOrEmpty(PlacedOn))
            {
                WriteError(CommandErrors.Record(this,
                    new InvalidOperationException($"{string.Join(", ", Thumbprint)} was placed on {PlacedOn} by an import that did not run on these targets: undo it where it was placed, or give -Thumbprint to remove it from every target."),
                    "OtherComputer", ErrorCategory.InvalidOperation, PlacedOn));
                return;
            }
            if (!string.IsNullOrEmpty(PlacementAction) && PlacementAction != nameof(Native.PlacementAction.Added))
            {
                WriteVerbose($"Leaving {string.Join(", ", Thumbprint)} alone on {CaChainTarget}: the import reported it {PlacementAction}, so it did not add it.");
                return;
            }
            var entry = new PSObject();
            entry.Properties.Add(new PSNoteProperty("Thumbprint", Thumbprint));
            if (Store != null) entry.Properties.Add(new PSNoteProperty("Store", Array.ConvertAll(Store, s => s.ToString())));
            if (!string.IsNullOrEmpty(StorePath)) entry.Properties.Add(new PSNoteProperty("StorePath", StorePath));
            // A bundle's StorePath is its file, an NSS store's its database: without the location the target would read it as a directory store.
            if (!StoreTarget.IsDirectoryStorePath(StoreLocation, StorePath))
                entry.Properties.Add(new PSNoteProperty("StoreLocation", StoreLocation.ToString()));
            if (!string.IsNullOrEmpty(SystemRoot)) entry.Properties.Add(new PSNoteProperty("SystemRoot", SystemRoot));
            // The target checks it too: a label that now reaches another machine removes nothing there.
            if (!string.IsNullOrEmpty(PlacedOn)) entry.Properties.Add(new PSNoteProperty("PlacedOn", PlacedOn));
            if (string.IsNullOrEmpty(CaChainTarget))
            {
                foreach (List<object> entries in remoteEntries.Values) entries.Add(entry);
            }
            else if (remoteEntries.TryGetValue(CaChainTarget, out List<object> own)) own.Add(entry);
            else
            {
                WriteError(CommandErrors.Record(this,
                    new InvalidOperationException($"{string.Join(", ", Thumbprint)} was placed on {CaChainTarget}, which is not among the machines given ({string.Join(", ", remoteEntries.Keys)}): it is left alone."),
                    "NotAmongTargets", ErrorCategory.InvalidArgument, CaChainTarget));
            }
        }

        protected override void EndProcessing()
        {
            if (remoteTargets != null) RemoveOnTargets();
            else foreach (var request in requests) RemoveFrom(request.Key.Item1, request.Key.Item2, request.Key.Item3, request.Value);
        }

        protected override void StopProcessing() => fanOut?.Stop();

        private void RemoveOnTargets()
        {
            var targets = remoteTargets.Where(t => remoteEntries[t.Label].Count > 0).ToList();
            bool whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out object value) && ((SwitchParameter)value).IsPresent;
            var work = new RemoteWork
            {
                Command = "Remove-CaChain",
                Parameters = new System.Collections.Hashtable { ["WhatIf"] = whatIf, ["Confirm"] = false },
                InputByTarget = targets.ToDictionary(t => t.Label, t => remoteEntries[t.Label].ToArray(), StringComparer.OrdinalIgnoreCase),
                Action = "Remove the certificates placed there",
            };
            fanOut = new RemoteFanOut(this, work, CopyModule, Summary, ThrottleLimit);
            fanOut.Run(targets, confirmEach: !whatIf);
        }

        // A dry run finds what is there; each removal is confirmed; the
        // confirmed ones are removed in one transaction.
        private void RemoveFrom(CaChainStoreLocation location, string storePath, string systemRoot, List<(CaChainStoreName store, string thumbprint)> entries)
        {
            StoreTarget target = StoreOpening.Open(this, location, storePath, systemRoot, WriteError, KeystorePassword);
            if (target == null) return;
            using (target)
            {
                List<PlacementEntry> planned = Unplace(target, entries.Select(e => (e.store, e.thumbprint, (string)null)).ToList(), Flags.PlaceDryRun);
                if (planned == null) return;
                // Each for the one store it was confirmed for: with several stores (Nss, All), a "no" for one leaves it there.
                var confirmed = planned
                    .Where(e => e.Action == Native.PlacementAction.WouldRemove && ShouldProcess(e.Result.Location, $"Remove the certificate '{e.Result.Subject}' ({e.Result.Thumbprint})"))
                    .Select(e => (e.Store, e.Result.Thumbprint, e.Result.Location))
                    .ToList();
                foreach (PlacementEntry absent in planned.Where(e => e.Action == Native.PlacementAction.NotPresent)) ReportAbsent(absent.Result);
                if (confirmed.Count == 0) return;
                List<PlacementEntry> removed = Unplace(target, confirmed, 0);
                if (removed != null) WriteObject(removed.Select(e => e.Result), enumerateCollection: true);
            }
        }

        // A store the certificate was never in is no news: its row would be
        // blank noise in the table. -Verbose asks for it, as an object.
        private void ReportAbsent(CaChainPlacement absent)
        {
            if (VerboseRequested) WriteObject(absent);
            else WriteVerbose($"{absent.Thumbprint} is not in {absent.Location}: nothing to remove there.");
        }

        private bool VerboseRequested =>
            MyInvocation.BoundParameters.TryGetValue("Verbose", out object verbose) && ((SwitchParameter)verbose).IsPresent;

        // The removal's entries, or null after writing why the store was not changed.
        private List<PlacementEntry> Unplace(StoreTarget target, List<(CaChainStoreName store, string thumbprint, string location)> entries, uint flags)
        {
            Placement removal;
            try
            {
                removal = target.Unplace(entries, flags);
            }
            catch (CaChainException error)
            {
                WriteError(CommandErrors.Record(this, error, target.Location(CaChainStoreName.Root)));
                return null;
            }
            foreach (string warning in removal.Warnings) WriteWarning(warning);
            return removal.Entries;
        }
    }
}
