// cachain-pwsh: a small, headless PowerShell 7 host for Windows, so that the
// module's Pester tests can run on "Windows" (under Wine, see
// scripts/wine-pwsh.sh). pwsh's own console host cannot start with redirected
// output there, so this one runs a script in a runspace and writes what it
// produces to stdout/stderr as plain text, as it happens.
//
//   cachain-pwsh -File script.ps1 [args...]    run a script file
//   cachain-pwsh -Command "script text"        run script text
//
// Exit code: the N of the script's `exit N` if it called exit; else 1 if a
// terminating error ended it or any error record was written to the error
// stream (stricter than pwsh -File, which says 0 there: a test run should not
// pass quietly over errors); else 0. 64 for bad usage, as pwsh does; 70 if
// the host itself failed.
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Linq;
using System.Reflection;
using System.Security;
using System.Text;
using Microsoft.PowerShell;

namespace CaChain.PwshHost;

internal static class Program
{
    private const int UsageError = 64;
    private const int OutputWidth = 120;
    private const string Usage = "usage: cachain-pwsh -File script.ps1 [args...] | -Command \"script text\"";

    private static int Main(string[] args)
    {
        UseUtf8Output();
        var command = ParseArguments(args);
        if (command is null)
        {
            Console.Error.WriteLine(Usage);
            return UsageError;
        }
        try
        {
            return Run(command);
        }
        catch (Exception crash)
        {
            // Never left to Wine's crash handling, which may report exit 0.
            Console.Error.WriteLine($"cachain-pwsh: the host failed: {crash}");
            return 70;
        }
    }

    // Under Wine, with no console, .NET has no console code page to go by
    // ([Console]::OutputEncoding says code page 0): write UTF-8, so that
    // certificate names and Pester's output come out intact. AutoFlush keeps
    // stdout and stderr in the order they were written.
    private static void UseUtf8Output()
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        Console.SetOut(new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = true });
        Console.SetError(new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true });
    }

    // The pipeline to run: `-File path args...` or `-Command text`. pwsh's
    // -NoProfile and -NonInteractive are accepted and ignored, since this host
    // loads no profile and is never interactive. Returns null on bad usage.
    private static Command? ParseArguments(string[] args)
    {
        var i = 0;
        while (i < args.Length && IsSwitch(args[i], "NoProfile", "NonInteractive"))
        {
            i++;
        }
        if (i + 1 >= args.Length)
        {
            return null;
        }
        if (IsSwitch(args[i], "Command", "c"))
        {
            // As in pwsh, the words after -Command are one script.
            return new Command(string.Join(' ', args[(i + 1)..]), isScript: true);
        }
        if (!IsSwitch(args[i], "File", "f"))
        {
            return null;
        }
        var path = Path.GetFullPath(args[i + 1]);
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"cachain-pwsh: no such script file: {path}");
            return null;
        }
        var file = new Command(path, isScript: false);
        foreach (var parameter in ScriptArguments(args[(i + 2)..]))
        {
            file.Parameters.Add(parameter);
        }
        return file;
    }

    private static bool IsSwitch(string arg, params string[] names)
    {
        return arg.Length > 1 && (arg[0] == '-' || arg[0] == '/')
            && Array.Exists(names, name => name.Equals(arg[1..], StringComparison.OrdinalIgnoreCase));
    }

    // The script's arguments, bound as pwsh -File binds them: `-Name` is a
    // parameter name (the binder pairs it with the argument after it, or takes
    // it as a switch), `-Name:value` a name and its value, the rest positional.
    // The name keeps its dash: that is what tells the engine to treat it as a
    // bare parameter token rather than as `-Name:$null`.
    private static IEnumerable<CommandParameter> ScriptArguments(string[] args)
    {
        foreach (var arg in args)
        {
            if (arg.Length > 1 && arg[0] == '-' && char.IsLetter(arg[1]))
            {
                var colon = arg.IndexOf(':');
                yield return colon < 0
                    ? new CommandParameter(arg)
                    : new CommandParameter(arg[..colon], SwitchValue(arg[(colon + 1)..]));
            }
            else
            {
                yield return new CommandParameter(null, arg);
            }
        }
    }

    // `-Flag:$false` arrives as the text "$false"; pwsh passes it as a bool.
    private static object SwitchValue(string value)
    {
        if (value.Equals("$true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return value.Equals("$false", StringComparison.OrdinalIgnoreCase) ? false : value;
    }

    private static int Run(Command command)
    {
        var host = new HeadlessHost();
        using var runspace = RunspaceFactory.CreateRunspace(host, SessionState());
        runspace.Open();
        using var shell = PowerShell.Create(runspace);
        if (!command.IsScript)
        {
            LetExitEndTheRun(runspace);
        }

        // Output is formatted to text by Out-String -Stream at the end of the
        // pipeline, as pwsh's Out-Default would, one line at a time.
        shell.Commands.AddCommand(command);
        // 120 columns, as pwsh's console usually has: the default of 80
        // would cut wide tables short in test logs.
        shell.Commands.AddCommand("Out-String").AddParameter("Stream").AddParameter("Width", OutputWidth);

        var sawError = false;
        var output = new PSDataCollection<PSObject>();
        output.DataAdded += (_, _) => PrintAll(output.ReadAll(), Console.Out);
        // The engine shows warnings, verbose, debug and information records
        // through the host's UI (as their preferences say), but errors only go
        // to this stream; pwsh's console host prints them the same way.
        shell.Streams.Error.DataAdded += (_, _) =>
        {
            foreach (var error in shell.Streams.Error.ReadAll())
            {
                sawError = true;
                Console.Error.WriteLine(Describe(error, withStackTrace: false));
            }
        };

        try
        {
            shell.Invoke(input: null, output);
        }
        catch (RuntimeException terminating)
        {
            if (host.ExitCode is int code)
            {
                return code;
            }
            Console.Error.WriteLine(Describe(terminating.ErrorRecord, withStackTrace: true));
            return 1;
        }
        return host.ExitCode ?? (sawError ? 1 : 0);
    }

    // `exit N` in a script file only leaves that script, as a return would
    // (setting $LASTEXITCODE, as native programs do too), unless the engine is
    // told to pass it on to the host. pwsh -File does that through an internal
    // switch that hosting does not expose; this sets the same switch, so that
    // exit reaches SetShouldExit as in pwsh. The engine clears it once the
    // script has started, so calls further down are not affected. The SDK
    // version is pinned: should the switch ever go, this fails loudly.
    private static void LetExitEndTheRun(Runspace runspace)
    {
        const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic;
        var context = typeof(Runspace).GetProperty("ExecutionContext", Internal)?.GetValue(runspace);
        var rethrowExit = context?.GetType().GetProperty("ScriptCommandProcessorShouldRethrowExit", Internal)
            ?? throw new MissingMemberException("ExecutionContext", "ScriptCommandProcessorShouldRethrowExit");
        rethrowExit.SetValue(context, true);
    }

    // Every module in PSHome (the exe's folder) loads on first use, as in
    // pwsh. Bypass: the project's scripts and Pester are unsigned, and Windows
    // would refuse them under its default policy (elsewhere there is no
    // execution policy, and setting one throws).
    private static InitialSessionState SessionState()
    {
        var state = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows())
        {
            state.ExecutionPolicy = ExecutionPolicy.Bypass;
        }
        return state;
    }

    private static void PrintAll(IEnumerable<PSObject> items, TextWriter writer)
    {
        foreach (var item in items)
        {
            writer.WriteLine(item?.ToString());
        }
    }

    // An error as pwsh's NormalView shows it: message, where, category, id;
    // for the error that ended the script, also the script's stack.
    private static string Describe(ErrorRecord error, bool withStackTrace)
    {
        var text = new StringBuilder(error.ToString());
        var position = error.InvocationInfo?.PositionMessage;
        if (!string.IsNullOrEmpty(position))
        {
            text.AppendLine().Append(position);
        }
        text.AppendLine().Append("    + CategoryInfo          : ").Append(error.CategoryInfo);
        text.AppendLine().Append("    + FullyQualifiedErrorId : ").Append(error.FullyQualifiedErrorId);
        if (withStackTrace && !string.IsNullOrEmpty(error.ScriptStackTrace))
        {
            text.AppendLine().Append(error.ScriptStackTrace);
        }
        return text.ToString();
    }
}

// The host: it takes the exit code that `exit N` hands it (the engine calls
// SetShouldExit for that) and nothing else; it never enters nested prompts.
internal sealed class HeadlessHost : PSHost
{
    private readonly HeadlessUI _ui = new();

    public int? ExitCode { get; private set; }

    public override string Name => "CaChainPwshHost";
    // PowerShell's own version, as pwsh's console host reports it: modules
    // go by it. Install-PSResource installs into Documents\PowerShell\Modules
    // for a host of version 6 or later, else into Windows PowerShell's folder,
    // which PowerShell 7 does not search.
    public override Version Version { get; } = typeof(PSObject).Assembly.GetName().Version!;
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
    public override PSHostUserInterface UI => _ui;

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
    public override void EnterNestedPrompt() => throw HeadlessUI.NoInput();
    public override void ExitNestedPrompt() => throw HeadlessUI.NoInput();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}

// What the engine shows the user: Write-Host and friends go to stdout,
// warnings and errors to stderr, with no colours; progress is dropped; any
// attempt to read input fails, since no one is there to answer, except the
// -Confirm prompts a test answers in advance.
internal sealed class HeadlessUI : PSHostUserInterface
{
    // No raw UI: no window, cursor or buffer to speak of.
    public override PSHostRawUserInterface? RawUI => null;

    internal static PSInvalidOperationException NoInput() =>
        new("cachain-pwsh: no interactive input: this host runs scripts headless");

    public override void Write(string value) => Console.Out.Write(value);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) =>
        Console.Out.Write(value);
    public override void WriteLine(string value) => Console.Out.WriteLine(value);
    public override void WriteErrorLine(string value) => Console.Error.WriteLine(value);
    public override void WriteWarningLine(string message) => Console.Error.WriteLine("WARNING: " + message);
    public override void WriteVerboseLine(string message) => Console.Out.WriteLine("VERBOSE: " + message);
    public override void WriteDebugLine(string message) => Console.Out.WriteLine("DEBUG: " + message);
    public override void WriteProgress(long sourceId, ProgressRecord record) { }

    public override string ReadLine() => throw NoInput();
    public override SecureString ReadLineAsSecureString() => throw NoInput();
    public override Dictionary<string, PSObject> Prompt(string caption, string message,
        Collection<FieldDescription> descriptions) => throw NoInput();
    public override PSCredential PromptForCredential(string caption, string message, string userName,
        string targetName) => throw NoInput();
    public override PSCredential PromptForCredential(string caption, string message, string userName,
        string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw NoInput();
    // -Confirm asks through here. A test answers by listing the hot keys in
    // CACHAIN_PWSH_ANSWERS ("Y,N,A": Yes, No, Yes to All), one per prompt;
    // with no answer left, there is no one to ask.
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices,
        int defaultChoice)
    {
        var answers = Environment.GetEnvironmentVariable(AnswersVariable);
        if (string.IsNullOrEmpty(answers))
        {
            throw NoInput();
        }
        var rest = answers.Split(',', 2);
        Environment.SetEnvironmentVariable(AnswersVariable, rest.Length > 1 ? rest[1] : null);
        var key = rest[0].Trim();
        for (var i = 0; i < choices.Count; i++)
        {
            if (HotKey(choices[i].Label).Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                Console.Out.WriteLine($"{caption}: {message} -> {choices[i].Label.Replace("&", "")}");
                return i;
            }
        }
        throw new PSArgumentException($"cachain-pwsh: '{key}' answers none of: " +
            string.Join(", ", choices.Select(choice => choice.Label)));
    }

    private const string AnswersVariable = "CACHAIN_PWSH_ANSWERS";

    // The letter after '&' in a label such as "Yes to &All".
    private static string HotKey(string label)
    {
        var ampersand = label.IndexOf('&');
        return ampersand >= 0 && ampersand + 1 < label.Length ? label[ampersand + 1].ToString() : label;
    }
}
