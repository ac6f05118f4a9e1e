using System.CommandLine;
using System.Globalization;
using Helix.Orthogonal;

namespace Helix.Bench.Orthogonal;

/// <summary>`helix bench orthogonal` and its hidden child subcommands (one measured point per process).</summary>
public static class OrthogonalBenchCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var sizes = new Option<string>("--sizes") { Description = "Comma-separated N.", DefaultValueFactory = _ => "128,256,512,1024" };
        var divisors = new Option<string>("--divisors") { Description = "Comma-separated d for L = N/d.", DefaultValueFactory = _ => "8,4,2,1" };
        var maps = new Option<string>("--maps") { Description = "Comma-separated maps: " + string.Join(", ", OrthogonalMaps.All.Select(k => OrthogonalMaps.Create(k).Name)), DefaultValueFactory = _ => string.Join(",", OrthogonalMaps.All.Select(k => OrthogonalMaps.Create(k).Name)) };
        var threads = new Option<int>("--threads") { Description = "libtorch threads per point.", DefaultValueFactory = _ => 1 };
        var delay = new Option<int>("--copy-delay") { Description = "Copying-task delay T (0: skip the copying runs).", DefaultValueFactory = _ => 200 };
        var hidden = new Option<int>("--copy-hidden") { Description = "Orthogonal RNN hidden size.", DefaultValueFactory = _ => 64 };
        var seconds = new Option<double>("--copy-seconds") { Description = "Training time per copying model.", DefaultValueFactory = _ => 120 };
        var pointSeconds = new Option<double>("--point-seconds") { Description = "Time cap per map point (warm-up plus the timed runs of both operations).", DefaultValueFactory = _ => 120 };
        var runs = new Option<int>("--runs") { Description = "Timed runs per point after the warm-up (at least; 1 lets a slow baseline finish within the cap).", DefaultValueFactory = _ => 3 };
        var copyModels = new Option<string>("--copy-models") { Description = "Comma-separated copying models: cwy, expm, householder, cayley, lstm.", DefaultValueFactory = _ => "cwy,expm,householder,lstm" };
        var copyBatch = new Option<int>("--copy-batch") { Description = "Copying-task batch size.", DefaultValueFactory = _ => 32 };
        var copyLr = new Option<double>("--copy-lr") { Description = "Copying-task Adam learning rate.", DefaultValueFactory = _ => 3e-3 };
        var copyInit = new Option<RecurrentInit>("--copy-init") { Description = "Start of the orthogonal RNNs' Q: Rotations or Random.", DefaultValueFactory = _ => RecurrentInit.Rotations };
        var output = new Option<string>("--out") { Description = "Folder receiving BENCHMARKS.md and docs/bench/orthogonal.{csv,png} (default: the repository root).", DefaultValueFactory = _ => "" };
        var cmd = new Command("orthogonal", "CWY vs sequential Householder, householder_product, expm and Cayley: fwd+bwd time, orthogonality, memory; T-CWY 30000×50; copying task.");
        foreach (var opt in new Option[] { sizes, divisors, maps, threads, delay, hidden, seconds, pointSeconds, runs, copyModels, copyBatch, copyLr, copyInit, output }) cmd.Options.Add(opt);
        cmd.SetAction(parse =>
        {
            var o = new OrthogonalBenchOptions
            {
                Sizes = Longs(parse.GetValue(sizes)!, "--sizes"),
                Divisors = Longs(parse.GetValue(divisors)!, "--divisors"),
                Maps = parse.GetValue(maps)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(OrthogonalMaps.Parse).ToList(),
                Threads = Math.Max(1, parse.GetValue(threads)),
                CopyDelay = Math.Max(0, parse.GetValue(delay)),
                CopyHidden = Math.Max(1, parse.GetValue(hidden)),
                CopyBudget = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(seconds))),
                PointTimeCap = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(pointSeconds))),
                Runs = Math.Max(1, parse.GetValue(runs)),
                CopyModels = parse.GetValue(copyModels)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
                CopyBatch = Math.Max(1, parse.GetValue(copyBatch)),
                CopyLearningRate = parse.GetValue(copyLr) > 0 ? parse.GetValue(copyLr) : throw new ArgumentException("--copy-lr must be positive"),
                CopyInit = parse.GetValue(copyInit),
                OutputRoot = parse.GetValue(output) is { Length: > 0 } dir ? dir : Infrastructure.BenchmarksMarkdown.FindRepoRoot(),
                CommandLine = string.Join(" ", new[] { "./helix bench orthogonal" }.Concat(
                    parse.Tokens.Where(t => t.Type != System.CommandLine.Parsing.TokenType.Command && t.Value != "--out" && t.Value != parse.GetValue(output)).Select(t => t.Value))),
            };
            OrthogonalBenchmark.Run(o, new Helix.Core.SyncProgress<string>(Console.WriteLine));
            Console.WriteLine($"wrote {Path.Combine(o.OutputRoot, "BENCHMARKS.md")} (orthogonal), docs/bench/orthogonal.csv and docs/bench/orthogonal.png");
            return 0;
        });
        cmd.Subcommands.Add(Child("point", (p, get) => OrthogonalBenchmark.RunPoint(OrthogonalMaps.Parse(get("--map")), L(get("--n")), L(get("--l")), L(get("--batch")), (int)L(get("--threads")), (int)L(get("--runs"))), "--map", "--n", "--l", "--batch", "--threads", "--runs"));
        cmd.Subcommands.Add(Child("tall", (p, get) => OrthogonalBenchmark.RunTall(OrthogonalMaps.Parse(get("--map")), L(get("--n")), L(get("--m")), (int)L(get("--threads"))), "--map", "--n", "--m", "--threads"));
        cmd.Subcommands.Add(Child("copy", (p, get) => OrthogonalBenchmark.RunCopy(Enum.Parse<CopyingModelKind>(get("--model"), true), (int)L(get("--delay")), (int)L(get("--hidden")), (int)L(get("--batch")), double.Parse(get("--seconds"), CultureInfo.InvariantCulture), (int)L(get("--threads")),
            double.Parse(get("--lr"), CultureInfo.InvariantCulture), Enum.Parse<RecurrentInit>(get("--init"), true)), "--model", "--delay", "--hidden", "--batch", "--seconds", "--threads", "--lr", "--init"));
        return cmd;
    }

    static Command Child(string name, Action<System.CommandLine.ParseResult, Func<string, string>> body, params string[] names)
    {
        var options = names.Select(n => new Option<string>(n) { Required = true }).ToList();
        var cmd = new Command(name, "Measure one point (internal).") { Hidden = true };
        foreach (var o in options) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            body(parse, n => parse.GetValue(options[Array.IndexOf(names, n)])!);
            return 0;
        });
        return cmd;
    }

    static long L(string s) => long.Parse(s, CultureInfo.InvariantCulture);

    static IReadOnlyList<long> Longs(string text, string option)
    {
        var list = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            list.Add(long.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v
                : throw new ArgumentException($"{option}: '{part}' is not a positive integer"));
        if (list.Count == 0) throw new ArgumentException($"{option}: give at least one value");
        return list;
    }
}
