using System.CommandLine;
using System.Globalization;

namespace Helix.Bench.Flows;

/// <summary>`helix bench flows`: Givens flow vs expm, Cayley and QR Riemannian descent.</summary>
public static class FlowsBenchCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var dims = new Option<string>("--dims") { Description = "Comma-separated d for the time per step.", DefaultValueFactory = _ => "64,128,256,512,1024,2048" };
        var targetDims = new Option<string>("--target-dims") { Description = "Comma-separated d of the time-to-target runs (Procrustes and Brockett, a learning-rate grid each).", DefaultValueFactory = _ => "64,128,256" };
        var seconds = new Option<double>("--seconds") { Description = "Time cap per optimizer and learning rate in the time-to-target runs.", DefaultValueFactory = _ => 30 };
        var optimizers = new Option<string>("--optimizers") { Description = $"Comma-separated optimizers to measure: {string.Join(", ", Helix.Orthogonal.OrthogonalOptimizers.Names)} (default: all).", DefaultValueFactory = _ => string.Join(",", Helix.Orthogonal.OrthogonalOptimizers.Names) };
        var problems = new Option<string>("--problems") { Description = "Comma-separated problems of the time-to-target runs: procrustes, brockett (default: both).", DefaultValueFactory = _ => "procrustes,brockett" };
        var multipliers = new Option<string>("--lr-multipliers") { Description = "Comma-separated multipliers of each optimizer's base learning rate in the time-to-target grid (default 0.5,1,2).", DefaultValueFactory = _ => "0.5,1,2" };
        var threads = new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder receiving BENCHMARKS.md and docs/bench/flows.{csv,png} (default: the repository root).", DefaultValueFactory = _ => "" };
        var cmd = new Command("flows", "Givens-rotation flow vs expm, Cayley and QR: time per step against d (log-log slopes) and time to 1e-3 relative error.");
        foreach (var o in new Option[] { dims, targetDims, seconds, optimizers, problems, multipliers, threads, output }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            static List<string> Names(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => Helix.Orthogonal.OrthogonalOptimizers.Names.Contains(s) ? s
                    : throw new ArgumentException($"--optimizers: unknown optimizer '{s}'; expected some of {string.Join(", ", Helix.Orthogonal.OrthogonalOptimizers.Names)}")).Distinct().ToList();
            static List<double> Positives(string text, string flag) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v) ? v : throw new ArgumentException($"{flag}: '{s}' is not a positive number")).ToList();
            static List<int> Ints(string text, string flag) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 2 ? v : throw new ArgumentException($"{flag}: '{s}' is not an integer ≥ 2")).ToList();
            var o = new FlowsBenchOptions
            {
                Dims = Ints(parse.GetValue(dims)!, "--dims"),
                TargetDims = Ints(parse.GetValue(targetDims)!, "--target-dims"),
                Optimizers = Names(parse.GetValue(optimizers)!) is { Count: > 0 } chosen ? chosen : throw new ArgumentException("--optimizers: name at least one optimizer"),
                Problems = parse.GetValue(problems)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(s => s is "procrustes" or "brockett" ? s : throw new ArgumentException($"--problems: unknown problem '{s}'; expected procrustes or brockett")).Distinct().ToList(),
                LrMultipliers = Positives(parse.GetValue(multipliers)!, "--lr-multipliers") is { Count: > 0 } grid ? grid : throw new ArgumentException("--lr-multipliers: give at least one multiplier"),
                TimeCap = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(seconds))),
                Threads = Math.Max(1, parse.GetValue(threads)),
                OutputRoot = parse.GetValue(output) is { Length: > 0 } dir ? dir : Infrastructure.BenchmarksMarkdown.FindRepoRoot(),
                CommandLine = string.Join(" ", new[] { "./helix bench flows" }.Concat(
                    parse.Tokens.Where(t => t.Type != System.CommandLine.Parsing.TokenType.Command && t.Value != "--out" && t.Value != parse.GetValue(output)).Select(t => t.Value))),
            };
            FlowsBenchmark.Run(o, new Helix.Core.SyncProgress<string>(Console.WriteLine));
            Console.WriteLine($"wrote {Path.Combine(o.OutputRoot, "BENCHMARKS.md")} (flows), docs/bench/flows.csv and docs/bench/flows.png");
            return 0;
        });
        return cmd;
    }
}
