using System.CommandLine;
using System.Globalization;

namespace Helix.Bench.Attention;

/// <summary>`helix bench attention` and its hidden `point` subcommand (one measured point per child process).</summary>
public static class AttentionBenchCommand
{
    public static Command Create()
    {
        var lengths = new Option<string>("--lengths") { Description = "Comma-separated sequence lengths.", DefaultValueFactory = _ => "512,1024,2048,4096,8192,16384,32768" };
        var methods = new Option<string>("--methods") { Description = "Comma-separated methods: " + string.Join(", ", AttentionMethods.All.Select(m => m.Name())), DefaultValueFactory = _ => string.Join(",", AttentionMethods.All.Select(m => m.Name())) };
        var batch = new Option<long>("--batch") { Description = "Batch size B.", DefaultValueFactory = _ => 1 };
        var heads = new Option<long>("--heads") { Description = "Number of heads H.", DefaultValueFactory = _ => 8 };
        var headDim = new Option<long>("--head-dim") { Description = "Head size dh.", DefaultValueFactory = _ => 64 };
        var features = new Option<int>("--features") { Description = "FAVOR+ random features m.", DefaultValueFactory = _ => 256 };
        var memCap = new Option<double>("--memory-cap-gib") { Description = "Stop a method after a point passes this peak memory (GiB).", DefaultValueFactory = _ => 20 };
        var timeCap = new Option<double>("--time-cap-s") { Description = "Stop a method after a point passes this CPU time (seconds; with one thread, the wall time of an idle machine).", DefaultValueFactory = _ => 120 };
        var threads = new Option<int>("--threads") { Description = "libtorch threads per point (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var block = new Option<long>("--block") { Description = "Tokens per block of the fused FAVOR+ paths (favor, favor-causal); 0 (the default) leaves the library's choice.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Folder that receives BENCHMARKS.md and docs/bench/attention.{csv,png} (default: the repository root).", DefaultValueFactory = _ => "" };

        var cmd = new Command("attention", "Exact vs FAVOR+ attention: forward+backward time and peak memory against L (one process per point).");
        foreach (var opt in new Option[] { lengths, methods, batch, heads, headDim, features, memCap, timeCap, threads, block, output }) cmd.Options.Add(opt);
        cmd.SetAction(parse =>
        {
            var o = new AttentionBenchOptions
            {
                Lengths = ParseLengths(parse.GetValue(lengths)!),
                Methods = ParseMethods(parse.GetValue(methods)!),
                Batch = Positive(parse.GetValue(batch), "--batch"),
                Heads = Positive(parse.GetValue(heads), "--heads"),
                HeadDim = Positive(parse.GetValue(headDim), "--head-dim"),
                Features = (int)Positive(parse.GetValue(features), "--features"),
                MemoryCapBytes = (long)(PositiveReal(parse.GetValue(memCap), "--memory-cap-gib") * (1L << 30)),
                TimeCap = TimeSpan.FromSeconds(PositiveReal(parse.GetValue(timeCap), "--time-cap-s")),
                Threads = (int)Positive(parse.GetValue(threads), "--threads"),
                Block = NonNegative(parse.GetValue(block), "--block"),
                OutputRoot = parse.GetValue(output) is { Length: > 0 } dir ? dir : Infrastructure.BenchmarksMarkdown.FindRepoRoot(),
                CommandLine = string.Join(" ", new[] { "./helix bench attention" }.Concat(
                    parse.Tokens.Where(t => t.Type != System.CommandLine.Parsing.TokenType.Command && t.Value != "--out" && t.Value != parse.GetValue(output)).Select(t => t.Value))),
            };
            var results = AttentionBenchmark.Run(o, new SyncProgress(Console.WriteLine));
            Console.WriteLine($"wrote {Path.Combine(o.OutputRoot, "BENCHMARKS.md")} (attention), docs/bench/attention.csv and docs/bench/attention.png ({results.Count} points)");
            return 0;
        });
        cmd.Subcommands.Add(CreatePoint());
        cmd.Subcommands.Add(CreateProfile());
        return cmd;
    }

    /// <summary>`profile`: the fused causal kernel's time by phase at one length, in this process (see <see cref="AttentionProfile"/>).</summary>
    static Command CreateProfile()
    {
        var length = new Option<long>("--length") { Description = "Sequence length L.", DefaultValueFactory = _ => 16384 };
        var heads = new Option<long>("--heads") { Description = "Number of heads H.", DefaultValueFactory = _ => 8 };
        var headDim = new Option<long>("--head-dim") { Description = "Head size dh.", DefaultValueFactory = _ => 64 };
        var features = new Option<int>("--features") { Description = "FAVOR+ random features m.", DefaultValueFactory = _ => 256 };
        var threads = new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => 1 };
        var block = new Option<long>("--block") { Description = "Tokens per causal block; 0 (the default) leaves the library's choice.", DefaultValueFactory = _ => 0 };
        var repeats = new Option<int>("--repeats") { Description = "Timed forward+backward passes (after one warm-up).", DefaultValueFactory = _ => 3 };
        var cmd = new Command("profile", "Fused causal FAVOR+ forward+backward time by phase (feature maps, masked products, block states, trims), beside the bidirectional pass.");
        foreach (var opt in new Option[] { length, heads, headDim, features, threads, block, repeats }) cmd.Options.Add(opt);
        cmd.SetAction(parse =>
        {
            var shape = new AttentionShape(1, Positive(parse.GetValue(heads), "--heads"), Positive(parse.GetValue(length), "--length"),
                Positive(parse.GetValue(headDim), "--head-dim"), (int)Positive(parse.GetValue(features), "--features"), NonNegative(parse.GetValue(block), "--block"));
            AttentionProfile.Run(shape, (int)Positive(parse.GetValue(threads), "--threads"), (int)Positive(parse.GetValue(repeats), "--repeats"), Console.WriteLine);
            return 0;
        });
        return cmd;
    }

    /// <summary>Hidden: measures one (method, L) point in this process and prints its JSON line (used by the parent).</summary>
    static Command CreatePoint()
    {
        var method = new Option<string>("--method") { Required = true };
        var length = new Option<long>("--length") { Required = true };
        var batch = new Option<long>("--batch") { DefaultValueFactory = _ => 1 };
        var heads = new Option<long>("--heads") { DefaultValueFactory = _ => 8 };
        var headDim = new Option<long>("--head-dim") { DefaultValueFactory = _ => 64 };
        var features = new Option<int>("--features") { DefaultValueFactory = _ => 256 };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => Environment.ProcessorCount };
        var block = new Option<long>("--block") { DefaultValueFactory = _ => 0 };
        var cmd = new Command("point", "Measure one point (internal).") { Hidden = true };
        foreach (var opt in new Option[] { method, length, batch, heads, headDim, features, threads, block }) cmd.Options.Add(opt);
        cmd.SetAction(parse =>
        {
            var shape = new AttentionShape(Positive(parse.GetValue(batch), "--batch"), Positive(parse.GetValue(heads), "--heads"),
                Positive(parse.GetValue(length), "--length"), Positive(parse.GetValue(headDim), "--head-dim"), (int)Positive(parse.GetValue(features), "--features"),
                NonNegative(parse.GetValue(block), "--block"));
            AttentionBenchmark.RunPoint(AttentionMethods.Parse(parse.GetValue(method)!), shape, (int)Positive(parse.GetValue(threads), "--threads"));
            return 0;
        });
        return cmd;
    }

    static IReadOnlyList<long> ParseLengths(string text)
    {
        var list = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) || l <= 0)
                throw new ArgumentException($"--lengths: '{part}' is not a positive integer (example: --lengths 512,1024,2048)");
            list.Add(l);
        }
        if (list.Count == 0) throw new ArgumentException("--lengths: give at least one length (example: --lengths 512,1024)");
        return list.Distinct().Order().ToList();
    }

    static IReadOnlyList<AttentionMethod> ParseMethods(string text)
    {
        var list = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(AttentionMethods.Parse).Distinct().ToList();
        return list.Count > 0 ? list : throw new ArgumentException("--methods: give at least one method");
    }

    static long Positive(long v, string name) => v > 0 ? v : throw new ArgumentException($"{name} must be positive, got {v}");

    static long NonNegative(long v, string name) => v >= 0 ? v : throw new ArgumentException($"{name} must be 0 or positive, got {v}");

    static double PositiveReal(double v, string name) => v > 0 && double.IsFinite(v) ? v : throw new ArgumentException($"{name} must be a positive number, got {v}");

    /// <summary>Reports on the calling thread (System.Progress would post to the thread pool and reorder lines).</summary>
    sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
