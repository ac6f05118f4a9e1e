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
/// Givens flow and the expm, Cayley, QR and Adam-on-CWY baselines at each d, with least-squares log-log slopes (over
/// all d and over the largest three); then, at each target d, time to a relative error of 1e-3 on Procrustes (O(d))
/// and Brockett (St(d, k), k = min(16, d/4)), every optimizer with its own small learning-rate grid on the same
/// problem. All in one process, one after another.
/// </summary>
public static class FlowsBenchmark
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>One time-to-target run: problem, d, optimizer, learning rate and what it reached.</summary>
    sealed record TargetRun(string Problem, int D, string Optimizer, double Lr, FlowResult R);

    /// <summary>Runs the benchmark and writes its section, CSV and PNG.</summary>
    public static void Run(FlowsBenchOptions o, IProgress<string> log)
    {
        OpenMpWaitPolicy.PreferPassive();
        TorchRuntime.EnsureLoaded();
        set_num_threads(o.Threads);
        var names = o.Optimizers;
        var stepMs = names.ToDictionary(n => n, _ => new List<(int D, double Ms)>());
        foreach (var d in o.Dims)
            foreach (var name in names)
            {
                double ms = StepTime(name, d);
                stepMs[name].Add((d, ms));
                log.Report($"d={d,5} {name,-8} {ms,10:F3} ms/step");
            }
        var runs = new List<TargetRun>();
        foreach (var d in o.TargetDims)
            foreach (var problemName in o.Problems)
                foreach (var name in names)
                    foreach (var lr in Grid(problemName, name, d, o.LrMultipliers))
                    {
                        IOrthogonalProblem problem = problemName == "procrustes" ? new ProcrustesProblem(d, 1) : new BrockettProblem(d, Math.Min(16, Math.Max(1, d / 4)), 1);
                        var w = new Parameter(problem.Start.clone());
                        using var opt = OrthogonalOptimizers.Create(name, [w], lr, MatchingKind.UniformRandom, 0, 1);
                        var r = FlowTraining.Run(problem, w, opt, new FlowOptions
                        {
                            Steps = long.MaxValue / 2, TargetError = 1e-3, TimeLimit = o.TimeCap,
                            EvaluateEvery = name == "givens" ? Math.Max(1, d / 4) : 1,
                        });
                        runs.Add(new TargetRun(problemName, d, name, lr, r));
                        log.Report($"{problemName} d={d} {name,-8} lr {lr:G3}: {r.Steps} steps, {(r.SecondsToTarget is { } t ? $"1e-3 in {t:F2} s (steps alone {r.StepSecondsToTarget:F2} s)" : $"not reached in {r.Seconds:F0} s (relative error {r.FinalError:E2})")}");
                        w.Dispose();
                    }
        Write(o, stepMs, runs);
    }

    /// <summary>The learning-rate grid of each optimizer: a base rate times the multipliers (default 0.5, 1 and 2). Dense retractions and Adam on CWY
    /// take rates of order 1/‖Hessian‖; the Givens flow scales each matched Ω entry by 1/p = d − 1, so its rate is a
    /// multiple of 1/(d − 1) (its per-edge angle is then of the dense step's size). Bases from probes at d = 64.</summary>
    static IEnumerable<double> Grid(string problem, string optimizer, int d, IEnumerable<double> multipliers)
    {
        double b = (problem, optimizer) switch
        {
            ("procrustes", "givens") => 1.0 / (d - 1),
            ("procrustes", "cwy-adam") => 0.2,
            ("procrustes", _) => 0.4,
            (_, "givens") => 0.2 / (d - 1),
            (_, "cwy-adam") => 0.1,
            _ => 0.03,
        };
        return multipliers.Select(m => m * b);
    }

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

    static double Slope(IEnumerable<(int D, double Ms)> points)
    {
        var pts = points.ToList();
        var xs = pts.Select(p => Math.Log(p.D)).ToArray();
        var ys = pts.Select(p => Math.Log(p.Ms)).ToArray();
        if (xs.Length < 2) return double.NaN;
        double mx = xs.Average(), my = ys.Average();
        return xs.Zip(ys).Sum(p => (p.First - mx) * (p.Second - my)) / xs.Sum(v => (v - mx) * (v - mx));
    }

    static string F(double v, string fmt = "F3") => double.IsFinite(v) ? v.ToString(fmt, Inv) : "—";

    /// <summary>The best run of a (problem, d, optimizer) grid: the fastest to the target, else the lowest final error.</summary>
    static TargetRun Best(IEnumerable<TargetRun> grid) =>
        grid.OrderBy(r => r.R.SecondsToTarget is null ? 1 : 0).ThenBy(r => r.R.SecondsToTarget ?? r.R.FinalError).First();

    static string Reached(TargetRun r) => r.R.SecondsToTarget is { } t ? F(t, "F2") : $"> {F(r.R.Seconds, "F0")} ({F(r.R.FinalError, "E1")})";

    static void Write(FlowsBenchOptions o, Dictionary<string, List<(int D, double Ms)>> stepMs, List<TargetRun> runs)
    {
        var names = o.Optimizers;
        var slopes = names.ToDictionary(n => n, n => Slope(stepMs[n]));
        var upper = names.ToDictionary(n => n, n => Slope(stepMs[n].OrderBy(p => p.D).TakeLast(3)));
        var csv = new ResultTable("d", "optimizer", "ms_per_step");
        foreach (var n in names) foreach (var (d, ms) in stepMs[n]) csv.Add(d, n, F(ms, "F4"));
        var docs = Path.Combine(o.OutputRoot, "docs", "bench");
        Directory.CreateDirectory(docs);
        AtomicFile.WriteAllText(Path.Combine(docs, "flows.csv"), csv.ToCsv());
        var grid = new ResultTable("problem", "d", "optimizer", "lr", "steps", "seconds", "seconds_to_1e-3", "step_seconds_to_1e-3", "final_relative_error", "orthogonality_error");
        foreach (var r in runs)
            grid.Add(r.Problem, r.D, r.Optimizer, r.Lr.ToString("G4", Inv), r.R.Steps, F(r.R.Seconds), r.R.SecondsToTarget is { } t ? F(t) : "",
                r.R.StepSecondsToTarget is { } s ? F(s) : "", F(r.R.FinalError, "E3"), F(r.R.OrthogonalityError, "E2"));
        AtomicFile.WriteAllText(Path.Combine(docs, "flows-target.csv"), grid.ToCsv());

        var md = new StringBuilder();
        md.AppendLine("## Givens-rotation flows (`helix bench flows`)");
        md.AppendLine();
        md.AppendLine($"Regenerate: `{o.CommandLine}`. Float64, {o.Threads} libtorch thread(s), one process, all optimizers in the same run. Step time = one");
        md.AppendLine("optimizer step from a given gradient (median of 3–25). **The machine was shared with other engineers' builds, tests and training runs**, so read the ratios.");
        md.AppendLine();
        md.AppendLine("| d | " + string.Join(" | ", names.Select(n => $"{n} ms/step")) + " | expm ÷ givens |");
        md.AppendLine("|---|" + string.Concat(names.Select(_ => "---|")) + "---|");
        foreach (var d in o.Dims)
        {
            var cells = names.Select(n => F(stepMs[n].First(p => p.D == d).Ms)).ToList();
            double ratio = stepMs.TryGetValue("expm", out var expm) && stepMs.TryGetValue("givens", out var givens)
                ? expm.First(p => p.D == d).Ms / givens.First(p => p.D == d).Ms : double.NaN;
            md.AppendLine($"| {d} | {string.Join(" | ", cells)} | {F(ratio, "F1")} |");
        }
        md.AppendLine($"| log-log slope, all d | {string.Join(" | ", names.Select(n => F(slopes[n], "F2")))} | |");
        md.AppendLine($"| log-log slope, largest 3 d | {string.Join(" | ", names.Select(n => F(upper[n], "F2")))} | |");
        md.AppendLine();
        md.AppendLine($"Time to a relative error (f − f*)/(f₀ − f*) ≤ 1e-3 (Procrustes on O(d); Brockett on St(d, min(16, d/4))), cap {o.TimeCap.TotalSeconds:F0} s per run,");
        md.AppendLine("uniform random matchings, the loss and its gradient by autograd (the same for every optimizer) included in the time; \"steps alone\" is");
        md.AppendLine($"the part spent in the optimizer's steps. Each optimizer ran a grid of learning rates (base × {string.Join(", ", o.LrMultipliers.Select(m => m.ToString("G3", Inv)))}; bases: Procrustes");
        md.AppendLine("dense 0.4, cwy-adam 0.2, givens 1/(d−1); Brockett dense 0.03, cwy-adam 0.1, givens 0.2/(d−1)); the table shows its best, and");
        md.AppendLine("`docs/bench/flows-target.csv` every run. Cells: seconds to 1e-3, or `> cap (final error)`.");
        md.AppendLine();
        md.AppendLine("| problem | d | " + string.Join(" | ", names) + " | givens ÷ best baseline |");
        md.AppendLine("|---|---|" + string.Concat(names.Select(_ => "---|")) + "---|");
        foreach (var group in runs.GroupBy(r => (r.Problem, r.D)))
        {
            var best = names.ToDictionary(n => n, n => Best(group.Where(r => r.Optimizer == n)));
            var cells = names.Select(n => $"{Reached(best[n])} (lr {best[n].Lr:G2}, {best[n].R.Steps} steps{(best[n].R.StepSecondsToTarget is { } s ? $", steps alone {F(s, "F2")} s" : "")})");
            var baselines = names.Where(n => n != "givens").Select(n => best[n].R.SecondsToTarget).Where(t => t is not null).Select(t => t!.Value).ToList();
            string ratio = best.TryGetValue("givens", out var flow) && flow.R.SecondsToTarget is { } g && baselines.Count > 0 ? F(g / baselines.Min(), "F1") : "—";
            md.AppendLine($"| {group.Key.Problem} | {group.Key.D} | {string.Join(" | ", cells)} | {ratio} |");
        }
        md.AppendLine();
        md.AppendLine("![flows](docs/bench/flows.png)");
        BenchmarksMarkdown.ReplaceSection(Path.Combine(o.OutputRoot, "BENCHMARKS.md"), "flows", md.ToString());
        SeriesPlot.SavePng(Path.Combine(docs, "flows.png"),
        [
            ("optimizer step time", "d", "ms per step", names.Select(n => new Series($"{n} (slope {F(slopes[n], "F2")})", stepMs[n].Select(p => (double)p.D).ToList(), stepMs[n].Select(p => p.Ms).ToList())).ToList()),
        ]);
    }
}
