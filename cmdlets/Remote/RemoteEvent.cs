using System;
using System.Management.Automation;

namespace CaChain.Remote
{
    internal enum RemoteEventKind { Output, Error, Warning, Finished }

    // What a worker posts to the pipeline thread: one object, error or
    // warning of a target, or the end of its transaction.
    internal sealed class RemoteEvent
    {
        public RemoteTarget Target { get; private set; }
        public RemoteEventKind Kind { get; private set; }
        public PSObject Object { get; private set; }
        public ErrorRecord ErrorRecord { get; private set; }
        public string Text { get; private set; }
        public PowerShell PowerShell { get; private set; }
        public IAsyncResult AsyncResult { get; private set; }

        public static RemoteEvent Output(RemoteTarget target, PSObject item) =>
            new RemoteEvent { Target = target, Kind = RemoteEventKind.Output, Object = item };

        public static RemoteEvent Error(RemoteTarget target, ErrorRecord error) =>
            new RemoteEvent { Target = target, Kind = RemoteEventKind.Error, ErrorRecord = error };

        public static RemoteEvent Warning(RemoteTarget target, string text) =>
            new RemoteEvent { Target = target, Kind = RemoteEventKind.Warning, Text = text };

        public static RemoteEvent Finished(RemoteTarget target, PowerShell powerShell, IAsyncResult result) =>
            new RemoteEvent { Target = target, Kind = RemoteEventKind.Finished, PowerShell = powerShell, AsyncResult = result };
    }
}
