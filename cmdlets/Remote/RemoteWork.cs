using System.Collections;
using System.Collections.Generic;

namespace CaChain.Remote
{
    // The one CaChain cmdlet call each target runs: its name, its parameters
    // (values that survive remoting's serialization), and its pipeline input.
    internal sealed class RemoteWork
    {
        public string Command { get; set; }
        public Hashtable Parameters { get; set; } = new Hashtable();
        public object[] Input { get; set; }
        // Input of its own per target label (Remove-CaChain: each machine undoes only its own placements).
        public Dictionary<string, object[]> InputByTarget { get; set; }
        // What ShouldProcess shows per target ("Import 4 certificate(s) into ~/trust").
        public string Action { get; set; }

        public Hashtable ToScriptArgument(RemoteTarget target) => new Hashtable
        {
            ["Command"] = Command,
            ["Parameters"] = Parameters,
            ["Input"] = InputByTarget != null && InputByTarget.TryGetValue(target.Label, out object[] own) ? own : Input,
        };
    }
}
