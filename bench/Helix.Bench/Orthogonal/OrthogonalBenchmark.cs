using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Helix.Bench.Infrastructure;
using Helix.Core;
using Helix.Orthogonal;
using Helix.Torch;
using static TorchSharp.torch;

namespace Helix.Bench.Orthogonal;

/// <summary>
/// `helix bench orthogonal`: forward+backward time of Q·X (X: N×128) and of materializing Q for every map, N and L,
/// each point in its own child process (peak memory = its VmHWM); the T-CWY 30000×50 frame; and copying-task
/// training for a fixed time with the orthogonal RNN (CWY, expm, Householder) and an LSTM of equal parameter count.
/// </summary>
public static class OrthogonalBenchmark
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Runs every point (children) and writes BENCHMARKS.md's section, the CSV and the PNG.</summary>
    public static void Run(OrthogonalBenchOptions o, IProgress<string> log)
    {
        var rows = new List<MapPoint>();
        foreach (var n in o.Sizes)
            foreach (var d in o.Divisors)
            {
                long l = Math.Max(1, n / d);
                foreach (var kind in o.Maps)
                {
                    var name = OrthogonalMaps.Create(kind).Name;
                    var r = ChildPoint.Run(["bench", "orthogonal", "point", "--map", name, "--n", $"{n}", "--l", $"{l}", "--batch", $"{o.Batch}", "--threads", $"{o.Threads}", "--runs", $"{o.Runs}"],
                        o.PointTimeCap, o.MemoryCapBytes);
                    var p = r.Status == "ok"
                        ? new MapPoint(name, n, l, r.Status, Get(r, "applyMs"), Get(r, "materializeMs"), Get(r, "orthError"), r.PeakBytes, Get(r, "applyCpuMs"), Get(r, "materializeCpuMs"))
                        : new MapPoint(name, n, l, r.Status, double.NaN, double.NaN, double.NaN, r.PeakBytes, double.NaN, double.NaN);
                    rows.Add(p);
                    log.Report($"N={n,5} L={l,5} {name,-20} {p.Status,-10} apply {p.ApplyMs,9:F2} ms (cpu {p.ApplyCpuMs,9:F2})  materialize {p.MaterializeMs,9:F2} ms (cpu {p.MaterializeCpuMs,9:F2})  |QᵀQ−I| {p.OrthError:E1}  peak {p.PeakBytes / 1048576.0:F0} MiB");
                }
            }
        var tall = new List<(string Map, ChildPointResult R)>();
        foreach (var kind in new[] { OrthogonalMapKind.Cwy, OrthogonalMapKind.Householder, OrthogonalMapKind.HouseholderProduct })
        {
            var name = OrthogonalMaps.Create(kind).Name;
            var r = ChildPoint.Run(["bench", "orthogonal", "tall", "--map", name, "--n", $"{o.TallRows}", "--m", $"{o.TallColumns}", "--threads", $"{o.Threads}"], o.PointTimeCap, o.MemoryCapBytes);
            tall.Add((name, r));
            log.Report($"tall {o.TallRows}×{o.TallColumns} {name}: {r.Status} {(r.Status == "ok" ? $"{Get(r, "ms"):F1} ms, working memory {Get(r, "workingBytes") / 1048576.0:F1} MiB, peak {r.PeakBytes / 1048576.0:F0} MiB" : r.Detail)}");
        }
        var copies = new List<(string Model, ChildPointResult R)>();
        if (o.CopyDelay > 0)
            foreach (var model in o.CopyModels)
            {
                var r = ChildPoint.Run(["bench", "orthogonal", "copy", "--model", model, "--delay", $"{o.CopyDelay}", "--hidden", $"{o.CopyHidden}",
                    "--batch", $"{o.CopyBatch}", "--seconds", $"{o.CopyBudget.TotalSeconds}", "--threads", $"{o.Threads}",
                    "--lr", o.CopyLearningRate.ToString("R", Inv), "--init", $"{o.CopyInit}"],
                    o.CopyBudget * 3 + TimeSpan.FromSeconds(120), o.MemoryCapBytes);
                copies.Add((model, r));
                log.Report($"copy T={o.CopyDelay} {model}: {r.Status} {(r.Status == "ok" ? $"{Get(r, "steps")} steps, {Get(r, "stepsPerSecond"):F2} steps/s, loss {Get(r, "finalLoss"):F4} = {Get(r, "fraction"):P1} of memoryless" : r.Detail)}");
            }
        Write(o, rows, tall, copies);
    }

    static double Get(ChildPointResult r, string key) => r.Result is { } j && j.TryGetProperty(key, out var v) ? v.GetDouble() : double.NaN;

    /// <summary>One map at (N, L): median wall and process CPU milliseconds (CPU time is what a loaded machine distorts
    /// least: waiting for a core does not count), orthogonality error and peak memory.</summary>
    sealed record MapPoint(string Map, long N, long L, string Status, double ApplyMs, double MaterializeMs, double OrthError, long PeakBytes,
        double ApplyCpuMs, double MaterializeCpuMs);

    /// <summary>Child: fwd+bwd of one map at (N, L), float32.</summary>
    public static void RunPoint(OrthogonalMapKind kind, long n, long l, long batch, int threads, int runs = 3)
    {
        Setup(threads);
        var map = OrthogonalMaps.Create(kind);
        using var p = map.Initial(n, l, 1, ScalarType.Float32).requires_grad_(true);
        using var x = Reflections(n, batch, 2);
        using var rApply = Reflections(n, batch, 3);
        using var rMat = Reflections(n, n, 4);
        var (apply, applyCpu) = TimeAndCpuMs(() =>
        {
            using var s = NewDisposeScope();
            p.grad?.zero_();
            (map.Apply(p, x) * rApply).sum().backward();
        }, runs);
        var (mat, matCpu) = TimeAndCpuMs(() =>
        {
            using var s = NewDisposeScope();
            p.grad?.zero_();
            (map.Materialize(p) * rMat).sum().backward();
        }, runs);
        double err;
        using (var s = NewDisposeScope()) err = OrthogonalMaps.OrthogonalityError(map.Materialize(p.detach()));
        ChildPoint.Report(new() { ["applyMs"] = apply, ["materializeMs"] = mat, ["orthError"] = err, ["applyCpuMs"] = applyCpu, ["materializeCpuMs"] = matCpu });
    }

    /// <summary>Child: fwd+bwd of the N×M frame of M reflections (T-CWY for CWY), float32, with the working memory above the process baseline.</summary>
    public static void RunTall(OrthogonalMapKind kind, long n, long m, int threads)
    {
        Setup(threads);
        var map = OrthogonalMaps.Create(kind);
        using (var warm = NewDisposeScope()) { var w = map.Initial(8, 2, 0).requires_grad_(true); map.Materialize(w, 2).sum().backward(); }
        GC.Collect();
        long before = PeakMemory.HighWaterMarkBytes();
        using var p = map.Initial(n, m, 1, ScalarType.Float32).requires_grad_(true);
        using var r = Reflections(n, m, 2);
        var clock = Stopwatch.StartNew();
        using (var s = NewDisposeScope()) (map.Materialize(p, m) * r).sum().backward();
        double first = clock.Elapsed.TotalMilliseconds;
        double ms = TimeMs(() =>
        {
            using var s = NewDisposeScope();
            p.grad?.zero_();
            (map.Materialize(p, m) * r).sum().backward();
        });
        double err;
        using (var s = NewDisposeScope()) err = OrthogonalMaps.OrthogonalityError(map.Materialize(p.detach(), m));
        long peak = PeakMemory.HighWaterMarkBytes();
        ChildPoint.Report(new() { ["ms"] = ms, ["firstMs"] = first, ["workingBytes"] = (double)(peak - before), ["baselineBytes"] = (double)before, ["orthError"] = err });
    }

    /// <summary>Child: trains one copying model for a fixed time.</summary>
    public static void RunCopy(CopyingModelKind model, int delay, int hidden, int batch, double seconds, int threads, double lr = 1e-3, RecurrentInit init = RecurrentInit.Rotations)
    {
        Setup(threads);
        var options = new CopyingOptions
        {
            Model = model, Delay = delay, Hidden = hidden, BatchSize = batch, Steps = long.MaxValue / 2,
            TimeLimit = TimeSpan.FromSeconds(seconds), EvaluateEvery = 10, EvaluationBatch = 64, Seed = 1, LearningRate = lr, Init = init,
        };
        manual_seed(1);
        using var m = CopyingTraining.CreateModel(options);
        var r = CopyingTraining.Run(m, options);
        ChildPoint.Report(new()
        {
            ["steps"] = (double)r.Steps, ["seconds"] = r.Seconds, ["stepsPerSecond"] = r.StepsPerSecond, ["finalLoss"] = r.FinalLoss,
            ["bestLoss"] = r.BestLoss, ["memoryless"] = r.MemorylessLoss, ["fraction"] = r.FinalLoss / r.MemorylessLoss,
            ["parameters"] = (double)r.Parameters, ["hidden"] = (double)r.Hidden,
        });
    }

    static void Setup(int threads)
    {
        OpenMpWaitPolicy.PreferPassive();
        TorchRuntime.EnsureLoaded();
        set_num_threads(threads);
    }

    static Tensor Reflections(long rows, long cols, long seed)
    {
        using var g = new Generator((ulong)seed);
        return randn(new[] { rows, cols }, generator: g);
    }

    /// <summary>Median of repeated runs after one warm-up (at least 3 runs, more while under 0.5 s in total, at most 9).</summary>
    static double TimeMs(Action f, int runs = 3)
    {
        f();
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < runs || (times.Count < 9 && total.Elapsed.TotalSeconds < 0.5))
        {
            var sw = Stopwatch.StartNew();
            f();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>Like <see cref="TimeMs"/>, with the median process CPU time of the same runs beside the wall time.</summary>
    static (double WallMs, double CpuMs) TimeAndCpuMs(Action f, int runs = 3)
    {
        f();
        var walls = new List<double>();
        var cpus = new List<double>();
        var me = Process.GetCurrentProcess();
        var total = Stopwatch.StartNew();
        while (walls.Count < runs || (walls.Count < 9 && total.Elapsed.TotalSeconds < 0.5))
        {
            me.Refresh();
            var cpu0 = me.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            f();
            walls.Add(sw.Elapsed.TotalMilliseconds);
            me.Refresh();
            cpus.Add((me.TotalProcessorTime - cpu0).TotalMilliseconds);
        }
        walls.Sort();
        cpus.Sort();
        return (walls[walls.Count / 2], cpus[cpus.Count / 2]);
    }

    static string F(double v, string fmt = "F2") => double.IsFinite(v) ? v.ToString(fmt, Inv) : "—";

    static void Write(OrthogonalBenchOptions o, List<MapPoint> rows, List<(string Map, ChildPointResult R)> tall, List<(string Model, ChildPointResult R)> copies)
    {
        var names = o.Maps.Select(k => OrthogonalMaps.Create(k).Name).ToList();
        var csv = new ResultTable("n", "l", "map", "status", "apply_fwd_bwd_ms", "materialize_fwd_bwd_ms", "orthogonality_error", "peak_mib", "apply_cpu_ms", "materialize_cpu_ms");
        foreach (var r in rows) csv.Add(r.N, r.L, r.Map, r.Status, F(r.ApplyMs, "F4"), F(r.MaterializeMs, "F4"), F(r.OrthError, "E2"), F(r.PeakBytes / 1048576.0, "F0"), F(r.ApplyCpuMs, "F4"), F(r.MaterializeCpuMs, "F4"));
        var docs = Path.Combine(o.OutputRoot, "docs", "bench");
        Directory.CreateDirectory(docs);
        AtomicFile.WriteAllText(Path.Combine(docs, "orthogonal.csv"), csv.ToCsv());

        var md = new StringBuilder();
        md.AppendLine("## Orthogonal maps (`helix bench orthogonal`)");
        md.AppendLine();
        md.AppendLine($"Regenerate: `{o.CommandLine}`. Float32, {o.Threads} libtorch thread(s), one child process per point (peak = its VmHWM, ");
        md.AppendLine("which includes the ~0.2 GiB of the .NET runtime and libtorch). Forward + backward of a scalar loss through Q·X (X: N×" + o.Batch + ") and through");
        md.AppendLine($"materializing Q; median of {o.Runs}–9 runs after a warm-up. **The machine was shared with seven other engineers' builds and tests");
        md.AppendLine("(load average far above its 2 cores)**, so absolute times are noisy; the maps were measured in the same run, and the ratios are what to read.");
        md.AppendLine();
        md.AppendLine("Forward + backward time in ms (apply Q·X / materialize Q), and speed-up of CWY over each baseline (baseline time ÷ CWY time):");
        md.AppendLine();
        var header = new List<string> { "N", "L" };
        header.AddRange(names.Select(n => $"{n} (apply / mat.)"));
        header.AddRange(names.Where(n => n != "cwy").Select(n => $"×{n} (apply / mat.)"));
        md.AppendLine("| " + string.Join(" | ", header) + " |");
        md.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", header.Count)));
        foreach (var g in rows.GroupBy(r => (r.N, r.L)))
        {
            var cells = new List<string> { $"{g.Key.N}", $"{g.Key.L}" };
            var cwy = g.FirstOrDefault(r => r.Map == "cwy");
            foreach (var n in names)
            {
                var r = g.FirstOrDefault(x => x.Map == n);
                cells.Add(r is null ? "" : r.Status == "ok" ? $"{F(r.ApplyMs)} / {F(r.MaterializeMs)}" : r.Status);
            }
            foreach (var n in names.Where(n => n != "cwy"))
            {
                var r = g.FirstOrDefault(x => x.Map == n);
                cells.Add(r is null || cwy is null || r.Status != "ok" ? (r?.Status ?? "") : $"{F(r.ApplyMs / cwy.ApplyMs, "F1")} / {F(r.MaterializeMs / cwy.MaterializeMs, "F1")}");
            }
            md.AppendLine("| " + string.Join(" | ", cells) + " |");
        }
        md.AppendLine();
        md.AppendLine("Orthogonality error max|QᵀQ − I| (float32), peak memory and the process CPU time of each point (less distorted by a loaded machine than wall time) are in `docs/bench/orthogonal.csv`; the worst error per map: " +
            string.Join(", ", names.Select(n => $"{n} {F(rows.Where(r => r.Map == n && double.IsFinite(r.OrthError)).Select(r => r.OrthError).DefaultIfEmpty(double.NaN).Max(), "E1")}")) + ".");
        md.AppendLine();
        md.AppendLine($"Tall Stiefel frame {o.TallRows}×{o.TallColumns} from {o.TallColumns} reflections, forward + backward (working memory = VmHWM growth during the point, above the process's baseline):");
        md.AppendLine();
        md.AppendLine("| map | status | fwd+bwd ms | first call ms | working memory MiB | process peak MiB | max abs(ΩᵀΩ − I) |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (map, r) in tall)
            md.AppendLine(r.Status == "ok"
                ? $"| {(map == "cwy" ? "t-cwy" : map)} | ok | {F(Get(r, "ms"), "F1")} | {F(Get(r, "firstMs"), "F1")} | {F(Get(r, "workingBytes") / 1048576.0, "F1")} | {F(r.PeakBytes / 1048576.0, "F0")} | {F(Get(r, "orthError"), "E1")} |"
                : $"| {map} | {r.Status} | | | | | |");
        md.AppendLine("| expm, cayley | not run | need an N×N = 30000² parameter (3.4 GiB in float32) | | | | |");
        if (copies.Count > 0)
        {
            md.AppendLine();
            md.AppendLine($"Copying task, T = {o.CopyDelay} (memoryless loss {CopyingTask.MemorylessLoss(o.CopyDelay):F4}), batch {o.CopyBatch}, {o.CopyBudget.TotalSeconds:F0} s of training each, Adam {o.CopyLearningRate:G3}, Q started from {o.CopyInit}, gradient norm clipped to 1:");
            md.AppendLine();
            md.AppendLine("| model | hidden | parameters | steps | steps/s | held-out loss | ÷ memoryless | solved (< 10%) |");
            md.AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var (model, r) in copies)
                md.AppendLine(r.Status == "ok"
                    ? $"| {model} | {Get(r, "hidden")} | {Get(r, "parameters")} | {Get(r, "steps")} | {F(Get(r, "stepsPerSecond"))} | {F(Get(r, "finalLoss"), "F4")} | {F(Get(r, "fraction"), "P1")} | {(Get(r, "fraction") < 0.1 ? "yes" : "no")} |"
                    : $"| {model} | {r.Status} | | | | | | |");
        }
        md.AppendLine();
        md.AppendLine("![orthogonal maps](docs/bench/orthogonal.png)");
        BenchmarksMarkdown.ReplaceSection(Path.Combine(o.OutputRoot, "BENCHMARKS.md"), "orthogonal", md.ToString());

        var maxL = rows.Where(r => r.L == r.N).ToList();
        var quarter = rows.Where(r => r.L * 4 == r.N).ToList();
        Series S(List<MapPoint> src, string n, Func<MapPoint, double> y) =>
            new(n, src.Where(r => r.Map == n).Select(r => (double)r.N).ToList(), src.Where(r => r.Map == n).Select(y).ToList());
        SeriesPlot.SavePng(Path.Combine(docs, "orthogonal.png"),
        [
            ("apply Q·X fwd+bwd, L = N/4", "N", "ms", names.Select(n => S(quarter, n, r => r.ApplyMs)).ToList()),
            ("materialize Q fwd+bwd, L = N", "N", "ms", names.Select(n => S(maxL, n, r => r.MaterializeMs)).ToList()),
        ]);
    }
}
