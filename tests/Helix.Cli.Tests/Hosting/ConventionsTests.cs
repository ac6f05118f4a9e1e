using System.CommandLine;

namespace Helix.Cli.Tests.Hosting;

/// <summary>
/// The command-line conventions, checked for EVERY command of the `helix` tree (found by walking it, never listed):
/// help shows each option's default (or says in words what leaving it out does) and the allowed values of enum
/// options; a bad option value is exit 2 with one line on stderr, nothing on stdout and no .NET type names; and one
/// name means one concept across commands. Runs in process (one parse per case, no child process).
/// </summary>
public sealed class ConventionsTests
{
    static RootCommand Root() => InProcessHelix.Root();

    static IEnumerable<(string Path, Command Command)> Walk(Command command, string prefix)
    {
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            var path = prefix.Length == 0 ? sub.Name : $"{prefix} {sub.Name}";
            yield return (path, sub);
            foreach (var deeper in Walk(sub, path)) yield return deeper;
        }
    }

    static Command Find(string path) => Walk(Root(), "").Single(c => c.Path == path).Command;

    static IEnumerable<Option> UserOptions(Command command) =>
        command.Options.Where(o => !o.Hidden && o.Name is not ("--help" or "--version") && !o.Aliases.Contains("-h"));

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var (path, _) in Walk(Root(), "")) data.Add(path);
        return data;
    }

    static (int Code, string Out, string Err) Invoke(params string[] args) => InProcessHelix.Invoke(args);

    static Type ValueType(Option o) => Nullable.GetUnderlyingType(o.ValueType) ?? o.ValueType;

    static bool IsFlag(Option o) => ValueType(o) == typeof(bool);

    /// <summary>The help text from an option's line up to the next option's line.</summary>
    static string HelpRow(string help, Option option)
    {
        var lines = help.Split('\n');
        int start = Array.FindIndex(lines, l => l.TrimStart().StartsWith(option.Name, StringComparison.Ordinal)
            || option.Aliases.Any(a => l.TrimStart().StartsWith(a + ",", StringComparison.Ordinal)));
        Assert.True(start >= 0, $"{option.Name} is not in the help");
        int end = start + 1;
        while (end < lines.Length && !lines[end].TrimStart().StartsWith('-') && lines[end].Trim().Length > 0) end++;
        return string.Join(' ', lines[start..end].Select(l => l.Trim()));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void HelpShowsDefaultsAndAllowedValues(string command)
    {
        var (code, output, error) = Invoke([.. command.Split(' '), "--help"]);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("Usage:", output);
        foreach (var option in UserOptions(Find(command)))
        {
            var row = HelpRow(output, option);
            if (option.HasDefaultValue && !IsFlag(option))
                Assert.True(row.Contains("[default: ", StringComparison.Ordinal), $"{command} {option.Name}: the help shows no default: {row}");
            else if (!option.Required && !IsFlag(option))
                Assert.True(row.Contains("default", StringComparison.OrdinalIgnoreCase),
                    $"{command} {option.Name}: no default value and the description does not say what leaving it out does: {row}");
            if (ValueType(option).IsEnum)
                foreach (var name in Enum.GetNames(ValueType(option)))
                    Assert.True(row.Contains(name, StringComparison.OrdinalIgnoreCase), $"{command} {option.Name}: allowed value {name} is not in the help: {row}");
        }
    }

    /// <summary>A value no typed option accepts: not a number, not an enum member, not a boolean.</summary>
    const string Bad = "not-a-value";

    static bool Typed(Option o)
    {
        var t = ValueType(o);
        if (t.IsArray) t = t.GetElementType()!;
        return t.IsEnum || t.IsPrimitive && t != typeof(bool) || t == typeof(decimal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void BadOptionValuesAreOneLineUserErrors(string command)
    {
        var typed = UserOptions(Find(command)).Where(Typed).ToList();
        foreach (var option in typed)
        {
            var (code, output, error) = Invoke([.. command.Split(' '), option.Name, Bad]);
            string what = $"{command} {option.Name} {Bad}";
            Assert.True(code == 2, $"{what}: exit {code}, stderr: {error}");
            Assert.True(output == "", $"{what}: wrote to stdout: {output}");
            Assert.Single(error.TrimEnd('\n').Split('\n'));
            Assert.Contains(option.Name, error);
            Assert.Contains($"'{Bad}'", error);
            foreach (var leak in new[] { "System.", "Helix.", "Exception", "Int32", "Int64", "UInt64", "Double" })
                Assert.False(error.Contains(leak, StringComparison.Ordinal), $"{what}: the message names an internal type ({leak}): {error}");
        }
    }

    [Fact]
    public void BadValuesNameTheExpectedKind()
    {
        Assert.Contains("--batch-size: 'x' is not a whole number", Invoke("protein", "train", "--batch-size", "x").Err);
        Assert.Contains("--lr: 'x' is not a number", Invoke("protein", "train", "--lr", "x").Err);
        var tokens = Invoke("lm", "train", "--data", "a.txt", "--tokens", "x").Err;
        Assert.Contains("--tokens: 'x' is not one of auto, bytes, amino", tokens);
    }

    /// <summary>Names that mean the same thing as a convention's name: none may appear anywhere in the tree.</summary>
    static readonly Dictionary<string, string[]> Synonyms = new()
    {
        ["--data"] = ["--fasta", "--input", "--in", "--file", "--dat", "--corpus"],
        ["--batch-size"] = ["--batch", "--bs", "--batchsize", "--batch-rows"],
        ["--out"] = ["--output", "--output-dir", "--outdir", "--out-dir"],
        ["--model"] = ["--checkpoint", "--ckpt", "--weights"],
        ["--seed"] = ["--random-seed", "--rng-seed"],
        ["--steps"] = ["--iterations", "--iters", "--max-steps"],
        ["--threads"] = ["--num-threads", "--jobs", "-j"],
        ["--resume"] = ["--continue", "--restart-from"],
        ["--json"] = ["--json-output", "--format"],
        ["--time-limit"] = ["--timeout", "--minutes", "--budget"],
        ["--lr"] = ["--learning-rate"],
    };

    [Fact]
    public void OneNameForOneConcept()
    {
        var used = new Dictionary<string, List<string>>();
        foreach (var (path, command) in Walk(Root(), ""))
            foreach (var option in UserOptions(command))
                foreach (var name in option.Aliases.Append(option.Name))
                    (used.TryGetValue(name, out var where) ? where : used[name] = []).Add(path);
        var drift = Synonyms.SelectMany(s => s.Value.Where(used.ContainsKey).Select(n => $"{n} ({string.Join(", ", used[n])}) should be {s.Key}")).ToList();
        Assert.True(drift.Count == 0, "option names drift: " + string.Join("; ", drift));
        Assert.Contains("--data", used.Keys);
        Assert.Contains("--batch-size", used.Keys);
    }

    [Fact]
    public void TheWalkFindsEveryArea()
    {
        var paths = Walk(Root(), "").Select(c => c.Path).ToList();
        foreach (var expected in new[] { "protein score", "protein train", "aig cnf", "lm train", "doc build" }) Assert.Contains(expected, paths);
    }
}
