using System.CommandLine;
using Helix.Cli.Hosting;

namespace Helix.Cli.Tests.Hosting;

/// <summary>Every command of the `helix` tree answers --help with its usage and exit 0 (run in process: fast).</summary>
public sealed class HelpTests
{
    static RootCommand Root()
    {
        var root = new RootCommand("helix");
        foreach (var command in CommandRegistry.All()) root.Subcommands.Add(command);
        return root;
    }

    static IEnumerable<string[]> Paths(Command command, string[] prefix)
    {
        foreach (var sub in command.Subcommands)
        {
            string[] path = [.. prefix, sub.Name];
            yield return path;
            foreach (var deeper in Paths(sub, path)) yield return deeper;
        }
    }

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var path in Paths(Root(), [])) data.Add(string.Join(' ', path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void HelpWorks(string command)
    {
        var output = new StringWriter();
        var saved = Console.Out;
        Console.SetOut(output);
        int code;
        try { code = CliRunner.Run(Root(), [.. command.Split(' '), "--help"]); }
        finally { Console.SetOut(saved); }
        Assert.Equal(0, code);
        Assert.Contains("Usage:", output.ToString());
        Assert.Contains(command.Split(' ')[^1], output.ToString());
    }

    [Fact]
    public void TheTreeHasEveryArea()
    {
        var tops = Root().Subcommands.Select(c => c.Name).ToArray();
        Assert.Contains("protein", tops);
        Assert.Contains("aig", tops);
        Assert.Contains("lm", tops);
        int count = Paths(Root(), []).Count();
        Assert.True(count >= 10, $"only {count} commands found");
    }
}
