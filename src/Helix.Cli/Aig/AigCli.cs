using System.CommandLine;
using System.Text.Json;
using Helix.Aig;
using Helix.Aig.Aiger;
using Helix.Aig.Equivalence;
using Spectre.Console;

namespace Helix.Cli.Aig;

/// <summary>Pieces the `helix aig` commands share: file reading with clear errors, JSON output, progress bars.</summary>
internal static class AigCli
{
    public static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON object instead of text." };

    public static Argument<string> FileArgument(string name, string description) => new(name) { Description = description };

    /// <summary>Reads an AIGER file (format from its header); a missing file is a user error.</summary>
    public static Aignet Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file (expected an AIGER .aig or .aag file)");
        return AigerReader.ReadFile(path);
    }

    /// <summary>Checks that an output path ends in .aig or .aag and returns whether it is binary.</summary>
    public static bool OutputIsBinary(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".aig" => true,
            ".aag" => false,
            _ => throw new CliUsageException($"{path}: the output name must end in .aig (binary AIGER) or .aag (ASCII AIGER)"),
        };

    public static void PrintJson(object value) =>
        Console.Out.WriteLine(JsonSerializer.Serialize(value, new JsonSerializerOptions { WriteIndented = false }));

    /// <summary>Runs a sweep with a Spectre progress bar (or silently for JSON output).</summary>
    public static T WithSweepProgress<T>(bool quiet, string title, Func<IProgress<SweepProgress>?, T> work)
    {
        if (quiet || Console.IsOutputRedirected) return work(null);
        T result = default!;
        AnsiConsole.Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask(title, maxValue: 1);
            result = work(new Reporter(task));
            task.Value = task.MaxValue;
        });
        return result;
    }

    sealed class Reporter(ProgressTask task) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress p) { task.MaxValue = Math.Max(1, p.Total); task.Value = p.Done; task.Description = $"round {p.Round + 1}: swept, {p.Merged} merged"; }
    }
}
