using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;

namespace Helix.Cli.Aig;

/// <summary>`helix aig stats FILE`: sizes, depth and properties of an AIGER file.</summary>
internal static class AigStatsCommand
{
    public static Command Create()
    {
        var file = AigCli.FileArgument("file", "AIGER file (.aig or .aag).");
        var json = AigCli.JsonOption();
        var cmd = new Command("stats", "Print inputs, latches, outputs, AND gates, depth and 1.9 properties of an AIGER file.") { file, json };
        cmd.SetAction(p => CliRunner.Guard(() =>
        {
            var path = p.GetValue(file)!;
            var clock = Stopwatch.StartNew();
            var g = AigCli.Read(path);
            double readMs = clock.Elapsed.TotalMilliseconds;
            var stats = new
            {
                file = path, inputs = g.InputCount, latches = g.LatchCount, outputs = g.OutputCount, ands = g.AndCount,
                depth = g.Depth(), bad = g.Bad.Count, constraints = g.Constraints.Count, justice = g.Justice.Count,
                fairness = g.Fairness.Count, comments = g.Comments.Count, readMs,
            };
            if (p.GetValue(json)) { AigCli.PrintJson(stats); return 0; }
            AnsiConsole.MarkupLineInterpolated($"[bold]{path}[/]: i/o = {g.InputCount}/{g.OutputCount}  latches = {g.LatchCount}  and = {g.AndCount}  depth = {stats.depth}");
            if (g.Bad.Count + g.Constraints.Count + g.Justice.Count + g.Fairness.Count > 0)
                AnsiConsole.MarkupLineInterpolated($"bad = {g.Bad.Count}  constraints = {g.Constraints.Count}  justice = {g.Justice.Count}  fairness = {g.Fairness.Count}");
            AnsiConsole.MarkupLineInterpolated($"read in {readMs:F1} ms");
            return 0;
        }));
        return cmd;
    }
}
