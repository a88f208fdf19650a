using System.Management.Automation;

namespace CaChain.Commands
{
    // Write-Progress for long runs: quiet for the first few items, so a single
    // file or endpoint shows no bar, then one update per item. Pipeline input
    // has no known total, so it counts instead of showing a percentage.
    internal sealed class PipelineProgress
    {
        private const int QuietItems = 5;
        private readonly Cmdlet cmdlet;
        private readonly ProgressRecord record;
        private int count;

        public PipelineProgress(Cmdlet cmdlet, string activity)
        {
            this.cmdlet = cmdlet;
            record = new ProgressRecord(activity.GetHashCode() & 0x7fffffff, activity, "Starting");
        }

        public void Next(string item)
        {
            if (++count <= QuietItems) return;
            record.StatusDescription = $"Item {count}: {item}";
            cmdlet.WriteProgress(record);
        }

        public void Complete()
        {
            if (count <= QuietItems) return;
            record.RecordType = ProgressRecordType.Completed;
            cmdlet.WriteProgress(record);
        }
    }
}
