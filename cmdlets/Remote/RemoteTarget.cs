using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace CaChain.Remote
{
    // One machine a fleet call runs on: either a session the user opened, or
    // how to open one (SSH or WinRM), with the label its results and errors
    // carry. Labels tell targets apart where PSComputerName cannot: two
    // servers behind one name, or many test machines on 127.0.0.1.
    internal sealed class RemoteTarget
    {
        public string Label { get; private set; }
        public string Transport { get; private set; }
        public PSSession Session { get; private set; }
        // New-PSSession's parameters, when the cmdlet opens (and closes) the session itself.
        public Hashtable Connect { get; private set; }

        public static RemoteTarget FromSession(PSSession session, string label) => new RemoteTarget
        {
            Label = label,
            Transport = TransportOf(session),
            Session = session,
        };

        // "[user@]host[:port]", or "[user@][v6 address]:port": the port lives
        // in the name, so each target can have its own.
        public static RemoteTarget FromSshName(string name, string userName, string keyFilePath, Hashtable sshOption)
        {
            string host = name, user = userName;
            int at = host.LastIndexOf('@');
            if (at >= 0)
            {
                user = host.Substring(0, at);
                host = host.Substring(at + 1);
            }
            int port = 0;
            int colon = host.LastIndexOf(':');
            bool bracketed = host.StartsWith("[", StringComparison.Ordinal);
            if (colon > 0 && (bracketed ? host[colon - 1] == ']' : host.IndexOf(':') == colon))
            {
                if (!int.TryParse(host.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535)
                    throw new ArgumentException($"'{name}' has no valid port after its last ':' (1 to 65535).");
                host = host.Substring(0, colon);
            }
            if (bracketed) host = host.Trim('[', ']');
            if (host.Length == 0 || (user != null && user.Length == 0)) throw new ArgumentException($"'{name}' names no host: write it as [user@]host[:port].");
            // ssh would read a host or user that starts with '-' as one of its options (-oProxyCommand=...).
            if (host.StartsWith("-", StringComparison.Ordinal) || (user != null && user.StartsWith("-", StringComparison.Ordinal)))
                throw new ArgumentException($"'{name}' starts its host or user with '-', which ssh would take for an option: it is not used.");

            var connect = new Hashtable { ["HostName"] = host, ["Options"] = QuietSsh(sshOption) };
            if (port != 0) connect["Port"] = port;
            if (!string.IsNullOrEmpty(user)) connect["UserName"] = user;
            if (!string.IsNullOrEmpty(keyFilePath)) connect["KeyFilePath"] = keyFilePath;
            return new RemoteTarget { Label = name, Transport = "SSH", Connect = connect };
        }

        public static RemoteTarget FromWinRmName(string name, PSCredential credential)
        {
            var connect = new Hashtable { ["ComputerName"] = name };
            if (credential != null) connect["Credential"] = credential;
            return new RemoteTarget { Label = name, Transport = "WSMan", Connect = connect };
        }

        // ssh's own messages would go straight to the console, unlabelled;
        // a failed connection is diagnosed and reported per target instead.
        private static Hashtable QuietSsh(Hashtable given)
        {
            var options = given == null ? new Hashtable(StringComparer.OrdinalIgnoreCase) : new Hashtable(given, StringComparer.OrdinalIgnoreCase);
            if (!options.ContainsKey("LogLevel")) options["LogLevel"] = "QUIET";
            return options;
        }

        // The session's computer name, with its port when it is not the
        // transport's default, so that sessions to several ports differ.
        public static string LabelOf(PSSession session)
        {
            object connection = session.Runspace?.ConnectionInfo;
            object port = connection == null ? null : PSObject.AsPSObject(connection).Properties["Port"]?.Value;
            int number = port is int value ? value : 0;
            bool standard = number == 0 || number == 22 || number == 5985 || number == 5986;
            return standard ? session.ComputerName : session.ComputerName + ":" + number.ToString(CultureInfo.InvariantCulture);
        }

        private static string TransportOf(PSSession session)
        {
            object transport = PSObject.AsPSObject(session).Properties["Transport"]?.Value;
            return transport?.ToString() ?? "WSMan";
        }

        // What Invoke-OnTarget.ps1 reads.
        public Hashtable ToScriptArgument() => new Hashtable
        {
            ["Label"] = Label,
            ["Transport"] = Transport,
            ["Session"] = Session,
            ["Connect"] = Connect,
        };
    }
}
