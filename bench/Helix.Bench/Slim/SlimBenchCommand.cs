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

    /// <summary>The `slim` subcommand of `helix bench`.</summary>
    public static Command Create()
    {
        var lengths = new Option<string>("--lengths") { Description = "Sequence lengths L, comma-separated.", DefaultValueFactory = _ => "1024,4096,16384,65536,131072" };
        var modes = new Option<string>("--modes") { Description = "Memory modes, comma-separated (full, chunked:C).", DefaultValueFactory = _ => "full,chunked:4096,chunked:512" };
        var cap = new Option<double>("--memory-cap-gib") { Description = "A point is stopped when its resident memory passes this.", DefaultValueFactory = _ => 20 };
        var time = new Option<double>("--point-time-s") { Description = "A point is stopped after this many seconds.", DefaultValueFactory = _ => 200 };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Repository root to write docs/bench/slim.* and BENCHMARKS.md into (default: the repository above the working directory)." };
        var shapeOptions = SlimBenchModel.Options();
        var cmd = new Command("slim", "SLiM: peak memory and time per training step of a causal Performer LM vs sequence length, full vs chunked.");
        foreach (var o in new Option[] { lengths, modes, cap, time, output }.Concat(shapeOptions.All)) cmd.Options.Add(o);
        cmd.Subcommands.Add(SlimBenchPoint.Create());
        cmd.SetAction(p => UsageErrorsExitWith2(() => Run(
            ParseList(p.GetValue(lengths)!, s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int l) && l >= 2 ? l : throw new ArgumentException($"--lengths: '{s}' is not a length ≥ 2.")),
            ParseList(p.GetValue(modes)!, MemoryMode.Parse),
            (long)(p.GetValue(cap) * (1L << 30)), TimeSpan.FromSeconds(p.GetValue(time)),
            p.GetValue(output)?.FullName ?? BenchmarksMarkdown.FindRepoRoot(), shapeOptions.Parse(p))));
        return cmd;
    }

    static int Run(IReadOnlyList<int> lengths, IReadOnlyList<MemoryMode> modes, long capBytes, TimeSpan pointLimit, string root, SlimBenchModel shape)
    {
        var sorted = lengths.Distinct().Order().ToArray();
        var results = new List<SlimBenchResult>();
        foreach (var mode in modes)
        {
            bool stopped = false;
            foreach (int l in sorted)
            {
                if (stopped) { results.Add(new(mode, l, "not run", -1, double.NaN, "a shorter L already failed")); continue; }
                AnsiConsole.MarkupLineInterpolated($"[grey]slim:[/] {mode} L={l} ...");
                var r = ChildPoint.Run(new[] { "bench", "slim", "point", "--mode", mode.ToString(), "--length", l.ToString(CultureInfo.InvariantCulture) }.Concat(shape.ToArgs()).ToArray(), pointLimit, capBytes);
                double seconds = r.Result is { } j ? j.GetProperty("seconds").GetDouble() : double.NaN;
                var res = new SlimBenchResult(mode, l, r.Status, r.PeakBytes, seconds, r.Detail);
                results.Add(res);
                AnsiConsole.MarkupLineInterpolated($"      {r.Status}: peak {res.PeakMiB:F0} MiB, {seconds:F2} s/step {r.Detail}");
                stopped = r.Status != "ok";
            }
        }
        Write(results, sorted, modes, shape, capBytes, pointLimit, root);
        return 0;
    }

    static void Write(List<SlimBenchResult> results, int[] lengths, IReadOnlyList<MemoryMode> modes, SlimBenchModel shape, long capBytes, TimeSpan limit, string root)
    {
        var table = new ResultTable("mode", "L", "status", "peak MiB", "s/step", "µs/token", "time/token vs full", "peak vs L=4096");
        foreach (var r in results)
        {
            var full = results.FirstOrDefault(f => !f.Mode.IsChunked && f.Length == r.Length && f.Ok);
            var reference = results.FirstOrDefault(f => f.Mode == r.Mode && f.Length == ReferenceLength && f.Ok);
            table.Add(r.Mode.ToString(), r.Length, r.Status + (r.Ok ? "" : $" ({r.Detail})"),
                r.PeakBytes > 0 ? r.PeakMiB : null,
                r.Ok ? r.Seconds : double.NaN,
                r.Ok ? r.Seconds / r.Length * 1e6 : double.NaN,
                r.Ok && full is not null ? r.Seconds / full.Seconds : double.NaN,
                r.Ok && reference is not null ? (double)r.PeakBytes / reference.PeakBytes : double.NaN);
        }
        var docs = Path.Combine(root, "docs", "bench");
        AtomicFile.WriteAllText(Path.Combine(docs, "slim.csv"), table.ToCsv());
        var memory = modes.Select(m => Series(results, m, r => r.PeakMiB)).ToList();
        var time = modes.Select(m => Series(results, m, r => r.Seconds / r.Length * 1e6)).ToList();
        SeriesPlot.SavePng(Path.Combine(docs, "slim.png"), new[]
        {
            ("Peak memory of one training step", "sequence length L", "peak RSS (MiB)", (IReadOnlyList<Series>)memory),
            ("Time per token of one training step", "sequence length L", "µs per token", (IReadOnlyList<Series>)time),
        });
        var md = new StringBuilder();
        md.AppendLine("## SLiM: training memory vs sequence length").AppendLine();
        md.AppendLine($"`helix bench slim` — one training step (loss, exact gradients, AdamW update; batch 1, dropout 0, float32) of a causal PerformerLM ({shape}, byte vocabulary, sinusoidal positions), full mode vs SLiM's chunked mode. One process per point; peak = VmHWM of that process (libtorch and the model included). Caps: {capBytes / (double)(1L << 30):F0} GiB resident, {limit.TotalSeconds:F0} s per point. {Environment.ProcessorCount} cores.").AppendLine();
        md.Append(table.ToMarkdown()).AppendLine();
        md.AppendLine("![SLiM memory and time](docs/bench/slim.png)").AppendLine();
        foreach (var line in Targets(results)) md.AppendLine("- " + line);
        BenchmarksMarkdown.ReplaceSection(Path.Combine(root, "BENCHMARKS.md"), Name, md.ToString());
        AnsiConsole.Write(new Text(table.ToMarkdown()));
        foreach (var line in Targets(results)) AnsiConsole.WriteLine(line);
        AnsiConsole.MarkupLineInterpolated($"wrote {Path.Combine(docs, "slim.csv")}, slim.png and the '{Name}' section of BENCHMARKS.md");
    }

    /// <summary>The issue's targets, each stated with the measured numbers.</summary>
    static IEnumerable<string> Targets(List<SlimBenchResult> results)
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
            var ratios = g.Select(r => (r.Length, Full: ok.FirstOrDefault(f => !f.Mode.IsChunked && f.Length == r.Length), r.Seconds))
                .Where(t => t.Full is not null).Select(t => (t.Length, Ratio: t.Seconds / t.Full!.Seconds)).ToList();
            if (ratios.Count > 0)
            {
                double worst = ratios.Max(t => t.Ratio);
                yield return $"{g.Key}: time per token vs full {string.Join(", ", ratios.Select(t => $"{t.Ratio:F2}× at L={t.Length}"))} (target ≤ 2.5×: {(worst <= 2.5 ? "met" : "NOT met")}).";
            }
        }
        var fullOk = ok.Where(r => !r.Mode.IsChunked).Select(r => r.Length).DefaultIfEmpty(0).Max();
        var fullFail = results.Where(r => !r.Mode.IsChunked && !r.Ok && r.Status != "not run").Select(r => $"{r.Status} at L={r.Length}").FirstOrDefault();
        var chunkedMax = ok.Where(r => r.Mode.IsChunked).Select(r => r.Length).DefaultIfEmpty(0).Max();
        yield return $"Largest L trained: full mode {fullOk}{(fullFail is null ? "" : $" ({fullFail})")}, chunked mode {chunkedMax}.";
    }

    static Series Series(List<SlimBenchResult> results, MemoryMode mode, Func<SlimBenchResult, double> y)
    {
        var pts = results.Where(r => r.Mode == mode && r.Ok).ToList();
        return new Series(mode.ToString(), pts.Select(r => (double)r.Length).ToList(), pts.Select(y).ToList());
    }

    static int UsageErrorsExitWith2(Func<int> action)
    {
        try { return action(); }
        catch (ArgumentException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 2;
        }
    }

    static List<T> ParseList<T>(string text, Func<string, T> parse) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).ToList() is { Count: > 0 } list
            ? list : throw new ArgumentException($"'{text}' lists nothing.");
}
