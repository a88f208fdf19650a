using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace CaChain.Remote
{
    // Everything one target sent back, and its one-line report (-Summary).
    internal sealed class RemoteTargetOutcome
    {
        public const string DoneTypeName = "CaChain.RemoteTargetDone";

        private readonly string command;

        public RemoteTargetOutcome(RemoteTarget target, string command)
        {
            Target = target;
            this.command = command;
        }

        public RemoteTarget Target { get; }
        public List<PSObject> Results { get; } = new List<PSObject>();
        public List<ErrorRecord> Errors { get; } = new List<ErrorRecord>();
        // Invoke-OnTarget.ps1's last word: timestamps, platform, module source.
        public PSObject Done { get; set; }

        private string Operation => command.Substring(0, command.IndexOf('-'));

        public CaChainTargetReport Declined() => new CaChainTargetReport
        {
            Target = Target.Label,
            Transport = Target.Transport,
            Operation = Operation,
            Status = "Skipped",
        };

        public CaChainTargetReport Report()
        {
            var report = Declined();
            report.Status = Errors.Count == 0 ? "Succeeded" : "Failed";
            report.ComputerName = Text(Done, "ComputerName");
            report.Platform = Text(Done, "Platform");
            report.PSVersion = Text(Done, "PSVersion");
            report.ModuleSource = Text(Done, "ModuleSource");
            report.Started = Time(Done, "Started");
            report.Finished = Time(Done, "Finished");
            report.RemoteStarted = Time(Done, "RemoteStarted");
            report.RemoteFinished = Time(Done, "RemoteFinished");
            if (report.Started.HasValue && report.Finished.HasValue) report.Seconds = Math.Round((report.Finished.Value - report.Started.Value).TotalSeconds, 3);
            report.Added = CountAction("Added");
            report.AlreadyPresent = CountAction("AlreadyPresent");
            report.Removed = CountAction("Removed");
            report.Skipped = CountAction("Skipped");
            if (Errors.Count > 0)
            {
                report.ErrorId = Errors[0].FullyQualifiedErrorId;
                report.Error = Errors[0].ErrorDetails?.Message ?? Errors[0].Exception.Message;
            }
            if (Operation == "Test") AddVerdict(report);
            return report;
        }

        // Trusted only when every chain tested there is; the first untrusted
        // one explains why.
        private void AddVerdict(CaChainTargetReport report)
        {
            // -Quiet answers come back as plain booleans.
            var answers = Results.Where(r => r.BaseObject is bool).Select(r => (bool)r.BaseObject).ToList();
            var verdicts = Results.Where(r => r.Properties["Trusted"] != null).ToList();
            report.Trusted = verdicts.Count + answers.Count > 0 && answers.All(a => a) && verdicts.All(v => Equals(v.Properties["Trusted"].Value, true));
            PSObject first = verdicts.FirstOrDefault(v => !Equals(v.Properties["Trusted"].Value, true)) ?? verdicts.FirstOrDefault();
            if (first == null) return;
            report.Cause = Text(first, "Cause");
            report.Reason = Text(first, "Reason");
            report.Fix = Text(first, "Fix");
            report.Missing = Joined(verdicts, "Missing");
            report.WrongStore = Joined(verdicts, "WrongStore");
            AddRevocation(report, verdicts);
        }

        // Worst first; a machine that checked nothing has no revocation columns.
        private static readonly string[] RevocationSeverity = { "Revoked", "Offline", "Unusable", "NotPublished", "NotChecked", "Good" };

        private static void AddRevocation(CaChainTargetReport report, List<PSObject> verdicts)
        {
            var statuses = verdicts.Select(v => Text(v, "RevocationStatus")).Where(s => !string.IsNullOrEmpty(s)).ToList();
            if (statuses.Count == 0 || statuses.All(s => s == "NotChecked")) return;
            report.RevocationStatus = RevocationSeverity.First(statuses.Contains);
            report.RevocationReachable = statuses.All(s => s == "Good" || s == "Revoked");
        }

        private int CountAction(string action) => Results.Count(r => Text(r, "Action") == action);

        private static string Joined(IEnumerable<PSObject> items, string name) =>
            string.Join("; ", items.SelectMany(i => Strings(i.Properties[name]?.Value)).Distinct());

        private static IEnumerable<string> Strings(object value)
        {
            object inner = value is PSObject wrapped ? wrapped.BaseObject : value;
            if (inner == null) return Enumerable.Empty<string>();
            if (inner is string text) return new[] { text };
            if (inner is System.Collections.IEnumerable list) return list.Cast<object>().Select(o => o?.ToString()).Where(s => !string.IsNullOrEmpty(s));
            return new[] { inner.ToString() };
        }

        private static string Text(PSObject item, string name) => item?.Properties[name]?.Value?.ToString();

        private static DateTime? Time(PSObject item, string name)
        {
            object value = item?.Properties[name]?.Value;
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            return value is DateTime time ? time : (DateTime?)null;
        }
    }
}
