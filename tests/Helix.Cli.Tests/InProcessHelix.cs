using System.CommandLine;
using Helix.Cli.Hosting;

namespace Helix.Cli.Tests;

/// <summary>Runs the `helix` command tree in this process with stdout and stderr captured (no child process).</summary>
internal static class InProcessHelix
{
    static readonly Lock ConsoleGate = new();

    /// <summary>A fresh `helix` root with every registered command.</summary>
    public static RootCommand Root()
    {
        var root = new RootCommand("helix");
        foreach (var command in CommandRegistry.All()) root.Subcommands.Add(command);
        return root;
    }

    /// <summary>Exit code, stdout and stderr of one invocation. Spectre output of a command body still goes to the real stdout.</summary>
    public static (int Code, string Out, string Err) Invoke(params string[] args)
    {
        lock (ConsoleGate)
        {
            TextWriter savedOut = Console.Out, savedErr = Console.Error;
            var output = new StringWriter();
            var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            try { return (CliRunner.Run(Root(), args), output.ToString(), error.ToString()); }
            finally { Console.SetOut(savedOut); Console.SetError(savedErr); }
        }
    }
}
