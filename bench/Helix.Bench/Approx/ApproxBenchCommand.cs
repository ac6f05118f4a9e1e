using System.CommandLine;
using System.Globalization;
using Helix.Bench.Infrastructure;

namespace Helix.Bench.Approx;

/// <summary>`helix bench approx`: how well FAVOR+ and FAVOR++ approximate exact softmax attention.</summary>
public static class ApproxBenchCommand
{
    /// <summary>The `approx` subcommand of `helix bench`.</summary>
    public static Command Create()
    {
        var features = new Option<string>("--features") { Description = "Random feature counts m, comma-separated.", DefaultValueFactory = _ => "64,256,1024" };
        var scales = new Option<string>("--scales") { Description = "Standard deviations of the q, k coordinates, comma-separated (1 = trained-like).", DefaultValueFactory = _ => "0.25,0.5,0.75,1" };
        var length = new Option<int>("--length") { Description = "Tokens L.", DefaultValueFactory = _ => 512 };
        var headDim = new Option<int>("--head-dim") { Description = "Head size dh.", DefaultValueFactory = _ => 64 };
        var trials = new Option<int>("--trials") { Description = "Independent projections (and data draws) per point; the table gives the mean.", DefaultValueFactory = _ => 4 };
        var trainSteps = new Option<int>("--train-steps") { Description = "Steps of the tiny exact-attention LM whose layer-0 queries and keys give the 'trained' row (0: skip).", DefaultValueFactory = _ => 300 };
        var output = new Option<string>("--out") { Description = "Repository root that receives BENCHMARKS.md and docs/bench/approx.{csv,png}.", DefaultValueFactory = _ => "" };
        var cmd = new Command("approx", "FAVOR+ vs FAVOR++: relative error of the attention output and of the kernel matrix against exact softmax.");
        foreach (var o in new Option[] { features, scales, length, headDim, trials, trainSteps, output }) cmd.Options.Add(o);
        cmd.SetAction(p =>
        {
            var o = new ApproxBenchOptions
            {
                Features = Parse(p.GetValue(features)!, s => int.Parse(s, CultureInfo.InvariantCulture), "--features"),
                Scales = Parse(p.GetValue(scales)!, s => double.Parse(s, CultureInfo.InvariantCulture), "--scales"),
                Length = Positive(p.GetValue(length), "--length"),
                HeadDim = Positive(p.GetValue(headDim), "--head-dim"),
                Trials = Positive(p.GetValue(trials), "--trials"),
                TrainSteps = Math.Max(0, p.GetValue(trainSteps)),
                OutputRoot = p.GetValue(output) is { Length: > 0 } dir ? dir : BenchmarksMarkdown.FindRepoRoot(),
                CommandLine = string.Join(" ", new[] { "./helix bench approx" }.Concat(p.Tokens.Where(t => t.Type != System.CommandLine.Parsing.TokenType.Command).Select(t => t.Value))),
            };
            ApproxBenchmark.Run(o, Console.WriteLine);
            return 0;
        });
        return cmd;
    }

    static IReadOnlyList<T> Parse<T>(string text, Func<string, T> parse, string flag)
    {
        try
        {
            var list = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).ToList();
            return list.Count > 0 ? list : throw new ArgumentException($"{flag}: give at least one value");
        }
        catch (FormatException) { throw new ArgumentException($"{flag}: '{text}' is not a comma-separated list of numbers"); }
    }

    static int Positive(int v, string flag) => v > 0 ? v : throw new ArgumentException($"{flag} must be positive, got {v}");
}
