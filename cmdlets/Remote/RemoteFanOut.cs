using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace CaChain.Remote
{
    // Runs one CaChain cmdlet call on many machines at once. Each target's
    // whole transaction (connect, look, copy the module, work, clean up,
    // disconnect: Invoke-OnTarget.ps1) runs in a runspace of a pool of
    // -ThrottleLimit runspaces, so the throttle bounds all of it. Workers never
    // write to the pipeline: they post what they get, and the pipeline thread
    // writes it as it comes, so results stream per target, labelled.
    internal sealed class RemoteFanOut
    {
        private readonly PSCmdlet cmdlet;
        private readonly RemoteWork work;
        private readonly bool copyModule;
        private readonly bool summary;
        private readonly int throttleLimit;
        private readonly BlockingCollection<RemoteEvent> events = new BlockingCollection<RemoteEvent>();
        private readonly List<PowerShell> running = new List<PowerShell>();

        public RemoteFanOut(PSCmdlet cmdlet, RemoteWork work, bool copyModule, bool summary, int throttleLimit)
        {
            this.cmdlet = cmdlet;
            this.work = work;
            this.copyModule = copyModule;
            this.summary = summary;
            this.throttleLimit = throttleLimit;
        }

        // With confirmEach, each target is confirmed here, on the pipeline
        // thread, before any work starts. Callers pass false for -WhatIf
        // (each target runs its own dry run, which lists exactly what it
        // would change there) and for calls that change nothing.
        public void Run(IList<RemoteTarget> targets, bool confirmEach)
        {
            var confirmed = new List<RemoteTarget>();
            foreach (RemoteTarget target in targets)
            {
                if (!confirmEach || cmdlet.ShouldProcess(target.Label, work.Action)) confirmed.Add(target);
                else if (summary) cmdlet.WriteObject(new RemoteTargetOutcome(target, work.Command).Declined());
            }
            if (confirmed.Count == 0) return;

            using (RunspacePool pool = RunspaceFactory.CreateRunspacePool(InitialSessionState.CreateDefault2()))
            {
                pool.SetMaxRunspaces(Math.Min(throttleLimit, confirmed.Count));
                pool.Open();
                try
                {
                    var outcomes = confirmed.ToDictionary(t => t, t => new RemoteTargetOutcome(t, work.Command));
                    foreach (RemoteTarget target in confirmed) Start(pool, target);
                    Drain(outcomes);
                }
                finally
                {
                    StopAll();
                }
            }
        }

        // Ctrl+C: each target's own finally block still removes its copy and closes its session.
        public void Stop()
        {
            lock (running) foreach (PowerShell powerShell in running) powerShell.BeginStop(null, null);
        }

        private void StopAll()
        {
            lock (running)
            {
                foreach (PowerShell powerShell in running)
                {
                    if (powerShell.InvocationStateInfo.State == PSInvocationState.Running) powerShell.Stop();
                    powerShell.Dispose();
                }
                running.Clear();
            }
        }

        private void Start(RunspacePool pool, RemoteTarget target)
        {
            PowerShell powerShell = PowerShell.Create();
            powerShell.RunspacePool = pool;
            // A scope of its own per target: the pool's runspaces serve one target after another.
            powerShell.AddScript(TargetScript.Text, useLocalScope: true)
                .AddArgument(target.ToScriptArgument())
                .AddArgument(work.ToScriptArgument(target))
                .AddArgument(ModuleCopy.ScriptArgument(copyModule));
            var output = new PSDataCollection<PSObject>();
            output.DataAdded += (sender, e) => events.Add(RemoteEvent.Output(target, output[e.Index]));
            powerShell.Streams.Error.DataAdded += (sender, e) => events.Add(RemoteEvent.Error(target, powerShell.Streams.Error[e.Index]));
            powerShell.Streams.Warning.DataAdded += (sender, e) => events.Add(RemoteEvent.Warning(target, powerShell.Streams.Warning[e.Index].Message));
            lock (running) running.Add(powerShell);
            powerShell.BeginInvoke<PSObject, PSObject>(null, output, null, done => events.Add(RemoteEvent.Finished(target, powerShell, done)), null);
        }

        private void Drain(Dictionary<RemoteTarget, RemoteTargetOutcome> outcomes)
        {
            var progress = new ProgressRecord(0x43614368, $"{work.Command} on {outcomes.Count} machine(s)", "Starting");
            int finished = 0;
            while (finished < outcomes.Count)
            {
                RemoteEvent next = events.Take();
                RemoteTargetOutcome outcome = outcomes[next.Target];
                switch (next.Kind)
                {
                    case RemoteEventKind.Output: TakeOutput(outcome, next.Object); break;
                    case RemoteEventKind.Error: TakeError(outcome, next.ErrorRecord); break;
                    case RemoteEventKind.Warning: cmdlet.WriteWarning($"[{next.Target.Label}] {next.Text}"); break;
                    case RemoteEventKind.Finished:
                        finished++;
                        EndTarget(outcome, next);
                        progress.StatusDescription = $"{finished} of {outcomes.Count} done (last: {next.Target.Label})";
                        progress.PercentComplete = finished * 100 / outcomes.Count;
                        cmdlet.WriteProgress(progress);
                        break;
                }
            }
            progress.RecordType = ProgressRecordType.Completed;
            cmdlet.WriteProgress(progress);
        }

        private void TakeOutput(RemoteTargetOutcome outcome, PSObject item)
        {
            if (item.TypeNames.Contains(RemoteTargetOutcome.DoneTypeName))
            {
                outcome.Done = item;
                return;
            }
            item.Properties.Remove("CaChainTarget");
            item.Properties.Add(new PSNoteProperty("CaChainTarget", outcome.Target.Label));
            outcome.Results.Add(item);
            if (!summary) cmdlet.WriteObject(item);
        }

        private void TakeError(RemoteTargetOutcome outcome, ErrorRecord error)
        {
            ErrorRecord record = RemoteErrors.Rewrap(cmdlet, error, outcome.Target.Label);
            outcome.Errors.Add(record);
            cmdlet.WriteError(record);
        }

        private void EndTarget(RemoteTargetOutcome outcome, RemoteEvent finished)
        {
            try
            {
                finished.PowerShell.EndInvoke(finished.AsyncResult);
            }
            catch (Exception error) when (!(error is PipelineStoppedException))
            {
                // The target's script itself failed (its runspace broke): an error of that target, like any other.
                TakeError(outcome, new ErrorRecord(error, "CaChainRemote.RemoteFailed", ErrorCategory.NotSpecified, outcome.Target.Label));
            }
            if (summary) cmdlet.WriteObject(outcome.Report());
        }

        // Invoke-OnTarget.ps1, embedded in this assembly: one file to read, and nothing on disk to tamper with.
        private static class TargetScript
        {
            private static string text;

            public static string Text
            {
                get
                {
                    if (text != null) return text;
                    using (Stream stream = typeof(TargetScript).Assembly.GetManifestResourceStream("CaChain.Remote.Invoke-OnTarget.ps1"))
                    using (var reader = new StreamReader(stream))
                        return text = reader.ReadToEnd();
                }
            }
        }
    }
}
