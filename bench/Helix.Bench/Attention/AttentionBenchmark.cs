using Helix.Torch;
using Helix.Core;
using System.Globalization;
using System.Text;
using Helix.Bench.Infrastructure;
using static TorchSharp.torch;

namespace Helix.Bench.Attention;

/// <summary>One measured (method, L) point.</summary>
public sealed record AttentionPointResult(AttentionMethod Method, long Length, string Status, double Seconds, double CpuSeconds, double PeakMiB);

/// <summary>
/// `helix bench attention`: forward+backward time and peak memory of exact and FAVOR+ attention against L, each point
/// in its own process; writes the BENCHMARKS.md section, docs/bench/attention.csv and docs/bench/attention.png.
/// </summary>
public static class AttentionBenchmark
{
    /// <summary>Runs every point and writes the outputs; progress lines go to <paramref name="progress"/>.</summary>
    public static IReadOnlyList<AttentionPointResult> Run(AttentionBenchOptions o, IProgress<string> progress, CancellationToken cancel = default)
    {
        set_num_threads(o.Threads);
        var loadBefore = LoadAverage.OneMinute();
        double matmul = AttentionPoint.MatmulGflops();
        progress.Report($"fp32 matmul: {matmul:F1} GFLOP/s on {o.Threads} threads");
        var results = new List<AttentionPointResult>();
        foreach (var method in o.Methods)
        {
            string? stoppedBy = null;
            AttentionPointResult? last = null;
            foreach (var len in o.Lengths)
            {
                // Skip a point that a quadratic extrapolation of the last one puts far past the cap (saves minutes of exact runs).
                if (stoppedBy == null && last is { Status: "ok" } && last.CpuSeconds * Math.Pow((double)len / last.Length, 2) > 2 * o.TimeCap.TotalSeconds)
                {
                    results.Add(new(method, len, "over-cap (extrapolated)", double.NaN, double.NaN, double.NaN));
                    stoppedBy = "skipped";
                    continue;
                }
                if (stoppedBy != null) { results.Add(new(method, len, "skipped", double.NaN, double.NaN, double.NaN)); continue; }
                // The cap applies to the measured pass's CPU time (= idle-machine wall time with one thread); the child
                // gets wall-clock room for start-up, its warm-up pass and other load on the machine.
                var childLimit = o.TimeCap * 4 + TimeSpan.FromSeconds(60);
                var r = ChildPoint.Run(PointArgs(o, method, len), childLimit, o.MemoryCapBytes, cancel);
                double seconds = r.Result is { } json && json.TryGetProperty("seconds", out var s) ? s.GetDouble() : double.NaN;
                double cpu = r.Result is { } json2 && json2.TryGetProperty("cpuSeconds", out var c) ? c.GetDouble() : double.NaN;
                var point = new AttentionPointResult(method, len, r.Status, seconds, cpu, r.PeakBytes / 1048576.0);
                results.Add(point);
                last = point;
                progress.Report($"{method.Name(),-13} L={len,6}: {r.Status,-10} {(double.IsNaN(seconds) ? "" : $"{seconds:F3} s wall, {cpu:F3} s CPU")} {point.PeakMiB:F0} MiB {r.Detail}");
                if (r.Status != "ok") stoppedBy = r.Status;
                else if (cpu > o.TimeCap.TotalSeconds) stoppedBy = "time-cap";
            }
        }
        Write(o, results, matmul, $"load average {loadBefore} before, {LoadAverage.OneMinute()} after the run");
        return results;
    }

    /// <summary>The child's arguments: the hidden `helix bench attention point` subcommand.</summary>
    static List<string> PointArgs(AttentionBenchOptions o, AttentionMethod method, long len) => new()
    {
        "bench", "attention", "point", "--method", method.Name(), "--length", len.ToString(CultureInfo.InvariantCulture),
        "--batch", o.Batch.ToString(CultureInfo.InvariantCulture), "--heads", o.Heads.ToString(CultureInfo.InvariantCulture),
        "--head-dim", o.HeadDim.ToString(CultureInfo.InvariantCulture), "--features", o.Features.ToString(CultureInfo.InvariantCulture),
        "--threads", o.Threads.ToString(CultureInfo.InvariantCulture), "--block", o.Block.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Body of the hidden point subcommand: measures and reports one point as JSON on stdout.</summary>
    public static void RunPoint(AttentionMethod method, AttentionShape shape, int threads)
    {
        set_num_threads(threads);
        TorchRuntime.RetainFreedMemory();   // the same allocator setting for every method
        var (wall, cpu) = AttentionPoint.Measure(method, shape);
        var heap = MallInfo();
        ChildPoint.Report(new Dictionary<string, object?> { ["method"] = method.Name(), ["length"] = shape.Length, ["seconds"] = wall, ["cpuSeconds"] = cpu,
            ["mainArenaMiB"] = heap.Arena / 1048576.0, ["heapInUseMiB"] = (heap.Uordblks + heap.Hblkhd) / 1048576.0 });
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    struct MallInfo2 { public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost; }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mallinfo2")]
    static extern MallInfo2 MallInfo();

    static void Write(AttentionBenchOptions o, List<AttentionPointResult> results, double matmulGflops, string load)
    {
        var csv = new ResultTable("method", "L", "status", "wall_seconds", "cpu_seconds", "peak_MiB");
        foreach (var r in results) csv.Add(r.Method.Name(), r.Length, r.Status, r.Seconds, r.CpuSeconds, r.PeakMiB);
        AtomicFile.WriteAllText(Path.Combine(o.OutputRoot, "docs/bench/attention.csv"), csv.ToCsv());

        var methods = o.Methods;
        AttentionPointResult? At(AttentionMethod m, long len) => results.FirstOrDefault(r => r.Method == m && r.Length == len && r.Status == "ok");
        string Cell(AttentionMethod m, long len, Func<AttentionPointResult, string> f)
        {
            var ok = At(m, len);
            if (ok != null) return f(ok);
            var r = results.FirstOrDefault(x => x.Method == m && x.Length == len);
            return r is null ? "" : r.Status;
        }
        string Pair(AttentionPointResult? a, AttentionPointResult? b) =>
            a is null || b is null ? "" : $"{Fmt(a.Seconds / b.Seconds)} / {Fmt(a.CpuSeconds / b.CpuSeconds)}";

        var table = new ResultTable(new[] { "L" }
            .Concat(methods.Select(m => m.Name() + " s (wall / CPU)"))
            .Concat(methods.Select(m => m.Name() + " MiB"))
            .Concat(new[] { "sdpa / favor", "favor-causal / favor" }).ToArray());
        foreach (var len in o.Lengths)
        {
            var row = new List<object?> { len };
            row.AddRange(methods.Select(m => (object?)Cell(m, len, r => $"{Fmt(r.Seconds)} / {Fmt(r.CpuSeconds)}")));
            row.AddRange(methods.Select(m => (object?)Cell(m, len, r => Fmt(r.PeakMiB))));
            row.Add(Pair(At(AttentionMethod.Sdpa, len), At(AttentionMethod.Favor, len)));
            row.Add(Pair(At(AttentionMethod.FavorCausal, len), At(AttentionMethod.Favor, len)));
            table.Add(row.ToArray());
        }

        var pngPath = Path.Combine(o.OutputRoot, "docs/bench/attention.png");
        SeriesPlot.SavePng(pngPath, new[]
        {
            ("Forward+backward wall time", "sequence length L", "seconds", (IReadOnlyList<Series>)Lines(methods, results, r => r.Seconds)),
            ("Forward+backward CPU time", "sequence length L", "seconds", Lines(methods, results, r => r.CpuSeconds)),
            ("Peak memory (VmHWM)", "sequence length L", "MiB", Lines(methods, results, r => r.PeakMiB)),
        });

        var body = new StringBuilder();
        body.AppendLine("## Attention: exact vs FAVOR+ (forward + backward)").AppendLine();
        body.AppendLine("```bash").AppendLine(o.CommandLine).AppendLine("```").AppendLine();
        body.AppendLine($"Batch {o.Batch}, {o.Heads} heads, head size {o.HeadDim}, m = {o.Features} features, fp32, {o.Threads} libtorch thread(s); " +
                        "the attention core only (inputs q, k, v [B, H, L, dh]); median of repeated forward+backward passes, as wall time and as " +
                        "process CPU time (other load on a shared machine inflates wall time but not CPU time); one process per point " +
                        $"(peak = its VmHWM, runtime included); points whose first pass takes over {AttentionPoint.SinglePassSeconds:F0} s of CPU time are timed by that pass; " +
                        $"a method stops after the first point over {o.MemoryCapBytes >> 30} GiB or {o.TimeCap.TotalSeconds:F0} s of CPU time, " +
                        $"or when the last point extrapolated quadratically passes twice that ({load}, {Environment.ProcessorCount} cores shared with other work). " +
                        "`helix-exact` is `ExactAttention.Forward`, which calls libtorch SDPA. Every point runs with " +
                        "`TorchRuntime.RetainFreedMemory()` (glibc keeps freed blocks for reuse instead of page-faulting fresh ones).").AppendLine();
        body.Append(table.ToMarkdown()).AppendLine();
        foreach (var line in Summary(o, results, r => r.Seconds, "wall")) body.AppendLine("- " + line);
        foreach (var line in Summary(o, results, r => r.CpuSeconds, "CPU")) body.AppendLine("- " + line);
        foreach (var line in MemoryAndThroughput(o, results, matmulGflops)) body.AppendLine("- " + line);
        body.AppendLine().AppendLine("![time and memory against L](docs/bench/attention.png)").AppendLine();
        body.AppendLine("CSV: [docs/bench/attention.csv](docs/bench/attention.csv)");
        BenchmarksMarkdown.ReplaceSection(Path.Combine(o.OutputRoot, "BENCHMARKS.md"), "attention", body.ToString());
    }

    /// <summary>The time targets of the issue, judged by one clock (<paramref name="clock"/>: "wall" or "CPU").</summary>
    static IEnumerable<string> Summary(AttentionBenchOptions o, List<AttentionPointResult> results, Func<AttentionPointResult, double> time, string clock)
    {
        AttentionPointResult? At(AttentionMethod m, long len) => results.FirstOrDefault(r => r.Method == m && r.Length == len && r.Status == "ok");
        var both = o.Lengths.Where(l => At(AttentionMethod.Sdpa, l) != null && At(AttentionMethod.Favor, l) != null).ToList();

        // Break-even: the first measured L from which FAVOR+ stays faster than SDPA.
        long? breakEven = null;
        for (int i = both.Count - 1; i >= 0 && time(At(AttentionMethod.Favor, both[i])!) < time(At(AttentionMethod.Sdpa, both[i])!); i--)
            breakEven = both[i];
        yield return breakEven is { } be
            ? $"Break-even ({clock} time): FAVOR+ is faster than SDPA from L = {be} on (target ≤ 2048: {(be <= 2048 ? "met" : "not met")})."
            : $"Break-even ({clock} time): FAVOR+ is not faster than SDPA at the longest lengths measured by both.";

        const long Ref = 16384;
        if (At(AttentionMethod.Sdpa, Ref) is { } s16 && At(AttentionMethod.Favor, Ref) is { } f16)
        {
            double speedup = time(s16) / time(f16);
            yield return $"Speed-up at L = {Ref} ({clock} time): SDPA {time(s16):F2} s / FAVOR+ {time(f16):F3} s = {speedup:F1}× (target ≥ 10×: {(speedup >= 10 ? "met" : "not met")}).";
        }
        else yield return $"Speed-up at L = {Ref}: not measured (a method was capped or L = {Ref} was not in the list).";

        var ratios = o.Lengths.Select(l => (l, c: At(AttentionMethod.FavorCausal, l), f: At(AttentionMethod.Favor, l)))
            .Where(x => x.c != null && x.f != null).Select(x => (x.l, r: time(x.c!) / time(x.f!))).ToList();
        if (ratios.Count > 0)
        {
            var worst = ratios.MaxBy(x => x.r);
            var large = ratios.Where(x => x.l >= 4096).ToList();
            string largeText = large.Count > 0 ? $"; at L ≥ 4096 at most {large.Max(x => x.r):F2}×" : "";
            double judged = large.Count > 0 ? large.Max(x => x.r) : worst.r;
            yield return $"Causal / bidirectional FAVOR+ ({clock} time): at most {worst.r:F2}× (L = {worst.l}){largeText} (target ≤ 1.5×: {(judged <= 1.5 ? "met" : "not met")}).";
        }
    }

    /// <summary>FAVOR+ memory growth and achieved throughput (by CPU time, like the matmul reference).</summary>
    static IEnumerable<string> MemoryAndThroughput(AttentionBenchOptions o, List<AttentionPointResult> results, double matmulGflops)
    {
        var favor = o.Lengths.Select(l => results.FirstOrDefault(r => r.Method == AttentionMethod.Favor && r.Length == l && r.Status == "ok"))
            .Where(r => r != null).Select(r => r!).ToList();
        // Memory above the runtime's own footprint (the smallest point of any method) should double with L.
        double baseline = results.Where(r => r.Status == "ok").Select(r => r.PeakMiB).DefaultIfEmpty(0).Min();
        if (favor.Count >= 2)
        {
            var (a, b) = (favor[^1], favor[^2]);
            double growth = (a.PeakMiB - baseline) / Math.Max(1e-9, b.PeakMiB - baseline);
            yield return $"FAVOR+ peak memory above the {baseline:F0} MiB runtime baseline: {b.PeakMiB - baseline:F0} MiB at L = {b.Length}, " +
                         $"{a.PeakMiB - baseline:F0} MiB at L = {a.Length}: ×{growth:F2} for ×{(double)a.Length / b.Length:F0} in L (linear growth gives the same factor, quadratic its square).";
        }
        if (favor.LastOrDefault() is { } largest)
        {
            double gflops = AttentionMethods.FavorFlops(o.Batch, o.Heads, largest.Length, o.Features, o.HeadDim) / largest.CpuSeconds / 1e9;
            yield return $"FAVOR+ achieved ≈ {gflops:F1} GFLOP/s of CPU time at L = {largest.Length} (24·B·H·L·m·dh flops per forward+backward) " +
                         $"against {matmulGflops:F1} GFLOP/s of CPU time for a 2048² fp32 matmul on this machine ({o.Threads} thread(s)).";
        }
    }

    static List<Series> Lines(IEnumerable<AttentionMethod> methods, List<AttentionPointResult> results, Func<AttentionPointResult, double> f) =>
        methods.Select(m =>
        {
            var ok = results.Where(r => r.Method == m && r.Status == "ok").ToList();
            return new Series(m.Name(), ok.Select(r => (double)r.Length).ToList(), ok.Select(f).ToList());
        }).ToList();

    static string Fmt(double v) => v.ToString(Math.Abs(v) >= 100 ? "F0" : Math.Abs(v) >= 1 ? "F2" : "G3", CultureInfo.InvariantCulture);
}
