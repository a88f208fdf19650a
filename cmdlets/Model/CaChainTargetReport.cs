using System;

namespace CaChain
{
    // One line per machine of a fleet call (-Summary): what happened there,
    // and for Test-CaChain whether it trusts the chain and what it lacks.
    // Every property is a scalar, so Export-Csv writes it for a change
    // ticket as it is; lists are joined with "; ".
    public sealed class CaChainTargetReport
    {
        // The target as it was named (-SshHost, -TargetComputer) or its session's computer[:port].
        public string Target { get; set; }
        // The machine's own name, as it reports it.
        public string ComputerName { get; set; }
        public string Transport { get; set; }
        // Import, Test or Remove.
        public string Operation { get; set; }
        // Succeeded, Failed, or Skipped (declined at -Confirm).
        public string Status { get; set; }
        // Test only: whether every tested chain is trusted there (false for a machine not reached).
        public bool? Trusted { get; set; }
        public string Cause { get; set; }
        public string Reason { get; set; }
        public string Fix { get; set; }
        // The CA certificates the machine lacks, and those it holds in the wrong store.
        public string Missing { get; set; }
        public string WrongStore { get; set; }
        // Test -CheckRevocation only: the worst revocation status of the tested
        // chains there, and whether that machine got a signed, current answer
        // (good or revoked) for every certificate of them.
        public string RevocationStatus { get; set; }
        public bool? RevocationReachable { get; set; }
        public int Added { get; set; }
        public int AlreadyPresent { get; set; }
        public int Removed { get; set; }
        public int Skipped { get; set; }
        public string ErrorId { get; set; }
        public string Error { get; set; }
        public string Platform { get; set; }
        public string PSVersion { get; set; }
        // Installed (the machine's own CaChain) or Copied (-CopyModule).
        public string ModuleSource { get; set; }
        // This machine's clock around the whole target; the target's clock around its cmdlet call.
        public DateTime? Started { get; set; }
        public DateTime? Finished { get; set; }
        public double Seconds { get; set; }
        public DateTime? RemoteStarted { get; set; }
        public DateTime? RemoteFinished { get; set; }

        public override string ToString() => $"{Target}: {Status}";
    }
}
