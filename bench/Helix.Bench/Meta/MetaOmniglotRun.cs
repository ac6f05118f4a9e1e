using Helix.Bench.Infrastructure;
using System.Diagnostics;
using Helix.Bilevel.Estimators;
using Helix.Bilevel.Meta;
using Helix.Bilevel.Model;
using Helix.Bilevel.Omniglot;
using Helix.Core;
using Helix.Torch;
using Spectre.Console;
using static TorchSharp.torch;

namespace Helix.Bench.Meta;

/// <summary>The Omniglot part's settings.</summary>
internal sealed record MetaOmniglotSettings(string DataPath, IReadOnlyList<string> Estimators, int Ways, int InnerSteps, double InnerLr,
    int Filters, int MetaBatch, int Queries, double BudgetSeconds, IReadOnlyList<double> EvalAt, int EvalEpisodes, int EvalQueries, bool CpuClock);

/// <summary>
/// Omniglot N-way 1-shot meta-training for each estimator under the same training-time budget, from the same initial
/// weights and the same episode stream, with held-out accuracy at fixed fractions of the budget. The budget's clock
/// is the process CPU time of the training steps by default (libtorch on 1 thread): on a shared machine wall time
/// would favour whichever estimator ran while the load was lower. Evaluation time is excluded from both clocks.
/// </summary>
internal static class MetaOmniglotRun
{
    public static List<MetaCurve> Run(MetaOmniglotSettings s)
    {
        TorchRuntime.EnsureLoaded();
        set_num_threads(1);
        var data = OmniglotDataset.Load(s.DataPath);
        var split = OmniglotSplit.ByAlphabet(data);
        var train = new EpisodeSampler(data, split.Train);
        var test = new EpisodeSampler(data, split.Test);
        var config = new ConvNetConfig(s.Ways, s.Filters);
        var evalRng = new SplitMix64(99);
        var held = Enumerable.Range(0, s.EvalEpisodes).Select(_ => test.Sample(s.Ways, 1, s.EvalQueries, evalRng)).ToList();
        var runsPath = Directory.Exists(s.DataPath) ? Path.Combine(s.DataPath, "all_runs.zip") : "";
        var runs = s.Ways == 20 && File.Exists(runsPath) ? OneShotRuns.Load(runsPath) : null;
        var loop = new InnerLoop(s.InnerSteps, s.InnerLr);
        var curves = new List<MetaCurve>();
        EpisodeAccuracy? initial = null;   // every estimator starts from the same weights: score them once
        foreach (var e in s.Estimators)
        {
            using var net = new ConvNet(config, 1);
            var weights = net.Weights.Select(w => (Tensor)w).ToList();
            var est = new BilevelEstimator(EstimatorSpec.Parse(e), loop);
            using var opt = optim.Adam(net.parameters(), lr: 1e-3);
            var rng = new SplitMix64(5);   // the same episode stream for every estimator (ξ draws shift it for UFOM)
            var points = new List<MetaCurvePoint>();
            double cpu = 0, wall = 0;
            long exact = 0, tasks = 0;
            int step = 0;
            void Evaluate()
            {
                var acc = step == 0 ? initial ??= MetaEvaluation.Run(weights, config, held, loop) : MetaEvaluation.Run(weights, config, held, loop);
                points.Add(new MetaCurvePoint(step, cpu, wall, exact, tasks, est.Probability, acc.Mean, acc.HalfWidth95));
                AnsiConsole.MarkupLineInterpolated($"      {e} step {step}: {cpu:F0} CPU s ({wall:F0} wall s), q {est.Probability:F3}, held-out {acc.Mean:P1} ± {acc.HalfWidth95:P1}  [grey]{Load()}[/]");
            }
            AnsiConsole.MarkupLineInterpolated($"[grey]meta omniglot:[/] {e}, {s.Ways}-way 1-shot, r={s.InnerSteps}, budget {s.BudgetSeconds:F0} {(s.CpuClock ? "CPU" : "wall")} s");
            Evaluate();
            int next = 0;
            var process = Process.GetCurrentProcess();
            while ((s.CpuClock ? cpu : wall) < s.BudgetSeconds)
            {
                var episodes = Enumerable.Range(0, s.MetaBatch).Select(_ => train.Sample(s.Ways, 1, s.Queries, rng)).ToList();
                process.Refresh();
                var cpu0 = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                using (var scope = NewDisposeScope())
                {
                    var batch = episodes.Select(ep => new EpisodeTask(ep, config).Task).ToList();
                    var g = est.Estimate(weights, batch, rng);
                    opt.zero_grad();
                    for (int i = 0; i < weights.Count; i++) weights[i].grad = g.Gradient[i];
                    opt.step();
                    exact += g.ExactDraws;
                    tasks += g.Tasks;
                }
                wall += clock.Elapsed.TotalSeconds;
                process.Refresh();
                cpu += (process.TotalProcessorTime - cpu0).TotalSeconds;
                step++;
                double used = (s.CpuClock ? cpu : wall) / s.BudgetSeconds;
                if (next < s.EvalAt.Count && used >= s.EvalAt[next])
                {
                    while (next < s.EvalAt.Count && used >= s.EvalAt[next]) next++;
                    Evaluate();
                }
            }
            if (points[^1].Step != step) Evaluate();
            var final = runs != null ? MetaEvaluation.Run(weights, config, runs, loop) : null;
            curves.Add(new MetaCurve(e, points, final?.Mean ?? double.NaN, final?.HalfWidth95 ?? double.NaN));
        }
        return curves;
    }

    static string Load() => "load " + LoadAverage.OneMinute();
}
