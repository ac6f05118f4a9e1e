using Helix.Core;
using System.CommandLine;
using System.Globalization;
using System.Text;
using Helix.Attention.Slim;
using Helix.Bench.Infrastructure;
using Spectre.Console;

namespace Helix.Bench.Slim;

/// <summary>
/// `helix bench slim`: peak memory and time per training step of a causal PerformerLM against sequence length, in
/// full mode and in SLiM's chunked mode at a few chunk sizes. One child process per point (VmHWM), each under a
/// memory cap and a time cap; a mode stops at its first length that fails. Writes docs/bench/slim.csv,
/// docs/bench/slim.png and the slim section of BENCHMARKS.md.
/// </summary>
public static class SlimBenchCommand
{
    const string Name = "slim";
    const int ReferenceLength = 4096;
    const double DefaultCapGiB = 20;
    const double DefaultPointSeconds = 200;

    /// <summary>The `slim` subcommand of `helix bench`.</summary>
    public static Command Create()
    {
        var lengths = new Option<string>("--lengths") { Description = "Sequence lengths L, comma-separated.", DefaultValueFactory = _ => "1024,4096,16384,65536" };
        var modes = new Option<string>("--modes") { Description = "Memory modes, comma-separated (full, chunked:C).", DefaultValueFactory = _ => "full,chunked:4096,chunked:256" };
        var cap = new Option<double>("--memory-cap-gib") { Description = "A point is stopped when its resident memory passes this.", DefaultValueFactory = _ => DefaultCapGiB };
        var time = new Option<double>("--point-time-s") { Description = "A point is stopped after this many seconds.", DefaultValueFactory = _ => DefaultPointSeconds };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Repository root to write docs/bench/slim.* and BENCHMARKS.md into (default: the repository above the working directory)." };
        var shapeOptions = SlimBenchModel.Options();
        var cmd = new Command("slim", "SLiM: peak memory and time per training step of a causal Performer LM vs sequence length, full vs chunked.");
        foreach (var o in new Option[] { lengths, modes, cap, time, output }.Concat(shapeOptions.All)) cmd.Options.Add(o);
        cmd.Subcommands.Add(SlimBenchPoint.Create());
        cmd.SetAction(p => Run(
            ParseList(p.GetValue(lengths)!, s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int l) && l >= 2 ? l : throw new ArgumentException($"--lengths: '{s}' is not a length ≥ 2.")),
            ParseList(p.GetValue(modes)!, MemoryMode.Parse),
            (long)(p.GetValue(cap) * (1L << 30)), TimeSpan.FromSeconds(p.GetValue(time)),
            p.GetValue(output)?.FullName ?? BenchmarksMarkdown.FindRepoRoot(), shapeOptions.Parse(p)));
        return cmd;
    }

    static int Run(IReadOnlyList<int> lengths, IReadOnlyList<MemoryMode> modes, long capBytes, TimeSpan pointLimit, string root, SlimBenchModel shape)
    {
        // libtorch's OpenMP workers spin while idle; on a shared machine that burns the cores other processes need and
        // charges each small op a fixed cost (many slices = many ops). Passive waiting is fair to both modes.
        if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null) Environment.SetEnvironmentVariable("OMP_WAIT_POLICY", "PASSIVE");
        var sorted = lengths.Distinct().Order().ToArray();
        var results = new List<SlimBenchResult>();
        foreach (var mode in modes)
        {
            SlimBenchResult? last = null;
            foreach (int l in sorted)
            {
                if (last is { Ok: false })
                {
                    results.Add(new(mode, l, "not run", -1, double.NaN, double.NaN, double.NaN, "a shorter L already failed"));
                    continue;
                }
                // Time grows linearly in L: skip a point that would surely pass the cap (keeps the run to its budget).
                double predicted = last is null ? 0 : last.Seconds * l / last.Length;
                if (predicted > pointLimit.TotalSeconds * 1.2)
                {
                    last = new(mode, l, "skipped", -1, double.NaN, double.NaN, double.NaN, $"predicted {predicted:F0} s > time cap");
                    results.Add(last);
                    continue;
                }
                AnsiConsole.MarkupLineInterpolated($"[grey]slim:[/] {mode} L={l} ...");
                var args = new[] { "bench", "slim", "point", "--mode", mode.ToString(), "--length", l.ToString(CultureInfo.InvariantCulture) }.Concat(shape.ToArgs()).ToArray();
                var r = ChildPoint.Run(args, pointLimit, capBytes);
                double Get(string name) => r.Result is { } j && j.TryGetProperty(name, out var v) ? v.GetDouble() : double.NaN;
                last = new SlimBenchResult(mode, l, r.Status, r.PeakBytes, Get("seconds"), Get("cpuSeconds"), Get("drift"), r.Detail);
                results.Add(last);
                AnsiConsole.MarkupLineInterpolated($"      {r.Status}: peak {last.PeakMiB:F0} MiB, {last.Seconds:F2} s/step wall, {last.CpuSeconds:F2} s CPU {r.Detail}");
            }
        }
        Write(results, sorted, modes, shape, capBytes, pointLimit, root);
        return 0;
    }

    static void Write(List<SlimBenchResult> results, IReadOnlyList<int> lengths, IReadOnlyList<MemoryMode> modes, SlimBenchModel shape, long capBytes, TimeSpan limit, string root)
    {
        var table = new ResultTable("mode", "L", "status", "peak MiB", "peak vs L=4096", "wall s/step", "CPU s/step", "CPU µs/token", "CPU time vs full", "state drift");
        foreach (var r in results)
        {
            var full = results.FirstOrDefault(f => !f.Mode.IsChunked && f.Length == r.Length && f.Ok);
            var reference = results.FirstOrDefault(f => f.Mode == r.Mode && f.Length == ReferenceLength && f.Ok);
            table.Add(r.Mode.ToString(), r.Length, r.Status + (r.Ok ? "" : $" ({r.Detail})"),
                r.PeakBytes > 0 ? r.PeakMiB : null,
                r.Ok && reference is not null ? (double)r.PeakBytes / reference.PeakBytes : double.NaN,
                r.Ok ? r.Seconds : double.NaN,
                r.Ok ? r.CpuSeconds : double.NaN,
                r.Ok ? r.CpuMicrosPerToken : double.NaN,
                r.Ok && full is not null ? r.CpuSeconds / full.CpuSeconds : double.NaN,
                r.Ok && r.Mode.IsChunked ? r.Drift.ToString("0.0e+0", CultureInfo.InvariantCulture) : null);
        }
        var docs = Path.Combine(root, "docs", "bench");
        AtomicFile.WriteAllText(Path.Combine(docs, "slim.csv"), table.ToCsv());
        var memory = modes.Select(m => Series(results, m, r => r.PeakMiB)).ToList();
        var time = modes.Select(m => Series(results, m, r => r.CpuMicrosPerToken)).ToList();
        SeriesPlot.SavePng(Path.Combine(docs, "slim.png"), new[]
        {
            ("Peak memory of one training step", "sequence length L", "peak RSS (MiB)", (IReadOnlyList<Series>)memory),
            ("CPU time per token of one training step", "sequence length L", "CPU µs per token", (IReadOnlyList<Series>)time),
        });
        var targets = Targets(results, capBytes).ToList();
        var md = new StringBuilder();
        md.AppendLine("## SLiM: training memory vs sequence length").AppendLine();
        md.AppendLine($"`./helix bench slim {Arguments(lengths, modes, shape, capBytes, limit)}` — a training step (loss, exact gradients, AdamW update; batch 1, dropout 0, float32; the median of three steps, one when a step takes over 20 s of wall time) " +
            $"of a causal PerformerLM ({shape}, byte vocabulary, sinusoidal positions), full mode vs SLiM's chunked mode at chunk size C. " +
            $"One process per point; peak = that process's VmHWM (runtime, libtorch and model included). Caps: {capBytes / (double)(1L << 30):F0} GiB resident, " +
            $"{limit.TotalSeconds:F0} s per point; a mode stops at its first failed length, and a point predicted to pass the time cap is skipped. " +
            $"{Environment.ProcessorCount} cores shared with other work, so CPU time (user + system of the point's process) is the clock compared; " +
            "libtorch's OpenMP threads wait passively (OMP_WAIT_POLICY=PASSIVE) in every point. State drift: the relative round-off left after " +
            "rebuilding the first slice's starting state by subtraction (float32).").AppendLine();
        md.Append(table.ToMarkdown()).AppendLine();
        md.AppendLine("![SLiM memory and time](docs/bench/slim.png)").AppendLine();
        foreach (var line in targets) md.AppendLine("- " + line);
        BenchmarksMarkdown.ReplaceSection(Path.Combine(root, "BENCHMARKS.md"), Name, md.ToString());
        AnsiConsole.Write(new Text(table.ToMarkdown()));
        foreach (var line in targets) AnsiConsole.WriteLine(line);
        AnsiConsole.MarkupLineInterpolated($"wrote {Path.Combine(docs, "slim.csv")}, slim.png and the '{Name}' section of BENCHMARKS.md");
    }

    static string Arguments(IReadOnlyList<int> lengths, IReadOnlyList<MemoryMode> modes, SlimBenchModel shape, long capBytes, TimeSpan limit) =>
        string.Join(' ', new[] { "--lengths", string.Join(',', lengths), "--modes", string.Join(',', modes),
            "--memory-cap-gib", (capBytes / (double)(1L << 30)).ToString("0.#", CultureInfo.InvariantCulture),
            "--point-time-s", limit.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) }.Concat(shape.ToArgs()));

    /// <summary>The issue's targets, each stated with the measured numbers.</summary>
    static IEnumerable<string> Targets(List<SlimBenchResult> results, long capBytes)
    {
        var ok = results.Where(r => r.Ok).ToList();
        foreach (var g in ok.Where(r => r.Mode.IsChunked).GroupBy(r => r.Mode))
        {
            var reference = g.FirstOrDefault(r => r.Length == ReferenceLength);
            var largest = g.MaxBy(r => r.Length)!;
            if (reference is not null && largest.Length > ReferenceLength)
            {
                double grow = (double)largest.PeakBytes / reference.PeakBytes - 1;
                yield return $"{g.Key}: peak memory at L={largest.Length} is {largest.PeakMiB:F0} MiB vs {reference.PeakMiB:F0} MiB at L={ReferenceLength} ({grow:+0.0%;-0.0%}; target within 10%: {(Math.Abs(grow) <= 0.10 ? "met" : "NOT met")}).";
            }
            var ratios = g.Select(r => (r.Length, Full: ok.FirstOrDefault(f => !f.Mode.IsChunked && f.Length == r.Length), r.CpuSeconds))
                .Where(t => t.Full is not null).Select(t => (t.Length, Ratio: t.CpuSeconds / t.Full!.CpuSeconds)).ToList();
            if (ratios.Count > 0)
            {
                double worst = ratios.Max(t => t.Ratio);
                yield return $"{g.Key}: CPU time per token vs full {string.Join(", ", ratios.Select(t => $"{t.Ratio:F2}× at L={t.Length}"))} (target ≤ 2.5×: {(worst <= 2.5 ? "met" : "NOT met")}).";
            }
        }
        var fullOk = ok.Where(r => !r.Mode.IsChunked).Select(r => r.Length).DefaultIfEmpty(0).Max();
        var fullFail = results.Where(r => !r.Mode.IsChunked && !r.Ok && r.Status != "not run").Select(r => $"{r.Status} at L={r.Length}").FirstOrDefault();
        var chunkedMax = ok.Where(r => r.Mode.IsChunked).Select(r => r.Length).DefaultIfEmpty(0).Max();
        yield return $"Largest L trained under the {capBytes / (double)(1L << 30):0.#} GiB cap: full mode {fullOk}{(fullFail is null ? "" : $" (then {fullFail})")}, chunked mode {chunkedMax}.";
    }

    static Series Series(List<SlimBenchResult> results, MemoryMode mode, Func<SlimBenchResult, double> y)
    {
        var pts = results.Where(r => r.Mode == mode && r.Ok).ToList();
        return new Series(mode.ToString(), pts.Select(r => (double)r.Length).ToList(), pts.Select(y).ToList());
    }

    static List<T> ParseList<T>(string text, Func<string, T> parse) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).ToList() is { Count: > 0 } list
            ? list : throw new ArgumentException($"'{text}' lists nothing.");
}
