using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CaChain.Commands;

namespace CaChain.Remote
{
    // The parameters by which Import-, Test- and Remove-CaChain run on other
    // machines. None is ValueFromPipelineByPropertyName: a piped object's
    // PSComputerName must never pick a machine to change.
    internal interface IRemoteTargetParameters
    {
        PSSession[] Session { get; }
        string[] SshHost { get; }
        string UserName { get; }
        string KeyFilePath { get; }
        Hashtable SshOption { get; }
        string[] TargetComputer { get; }
        PSCredential Credential { get; }
        int ThrottleLimit { get; }
        SwitchParameter CopyModule { get; }
        SwitchParameter Summary { get; }
    }

    internal static class RemoteTargetSelection
    {
        public const int DefaultThrottleLimit = 32;

        // The targets the parameters name, or null when the call is for this
        // machine. A combination that means two things is refused before any
        // work; a malformed name is an error of its own, and the rest go on.
        public static List<RemoteTarget> Resolve(PSCmdlet cmdlet, IRemoteTargetParameters given)
        {
            string conflict = Conflict(cmdlet.MyInvocation.BoundParameters);
            if (conflict != null)
                cmdlet.ThrowTerminatingError(CommandErrors.Record(cmdlet, new ArgumentException(conflict), "RemoteTargetConflict", ErrorCategory.InvalidArgument, null));
            if (given.Session != null) return FromSessions(given.Session);
            if (given.TargetComputer != null) return given.TargetComputer.Distinct(StringComparer.OrdinalIgnoreCase).Select(name => RemoteTarget.FromWinRmName(name, given.Credential)).ToList();
            if (given.SshHost == null) return null;
            var targets = new List<RemoteTarget>();
            foreach (string name in given.SshHost.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                try
                {
                    targets.Add(RemoteTarget.FromSshName(name, given.UserName, given.KeyFilePath, given.SshOption));
                }
                catch (ArgumentException error)
                {
                    cmdlet.WriteError(CommandErrors.Record(cmdlet, error, "BadTargetName", ErrorCategory.InvalidArgument, name));
                }
            }
            return targets;
        }

        private static readonly string[] TargetKinds = { "Session", "TargetComputer", "SshHost" };
        private static readonly string[] SshOnly = { "UserName", "KeyFilePath", "SshOption" };
        private static readonly string[] WinRmOnly = { "Credential" };
        private static readonly string[] AnyTarget = { "ThrottleLimit", "CopyModule", "Summary" };

        // Why the bound parameters cannot go together, or null.
        public static string Conflict(IDictionary<string, object> bound)
        {
            string[] kinds = TargetKinds.Where(bound.ContainsKey).ToArray();
            if (kinds.Length > 1) return $"-{kinds[0]} and -{kinds[1]} both name the machines to run on: give one of them.";
            string kind = kinds.FirstOrDefault();
            string stray = SshOnly.FirstOrDefault(name => bound.ContainsKey(name) && kind != "SshHost");
            if (stray != null) return $"-{stray} is for SSH targets: it goes with -SshHost.";
            stray = WinRmOnly.FirstOrDefault(name => bound.ContainsKey(name) && kind != "TargetComputer");
            if (stray != null) return $"-{stray} is for WinRM targets: it goes with -TargetComputer (a -Session carries its own).";
            stray = AnyTarget.FirstOrDefault(name => bound.ContainsKey(name) && kind == null);
            if (stray != null) return $"-{stray} is for calls on other machines: it goes with -SshHost, -TargetComputer or -Session.";
            return null;
        }

        // One target per session (a remote runspace runs one pipeline at a
        // time); two sessions with one label are told apart by their Id.
        private static List<RemoteTarget> FromSessions(PSSession[] sessions)
        {
            var unique = sessions.Where(s => s != null).GroupBy(s => s.InstanceId).Select(g => g.First()).ToList();
            var labels = unique.Select(RemoteTarget.LabelOf).ToList();
            return unique.Select((session, i) =>
                RemoteTarget.FromSession(session, labels.Count(l => l == labels[i]) > 1 ? $"{labels[i]}#{session.Id}" : labels[i])).ToList();
        }
    }
}
