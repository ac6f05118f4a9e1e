using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Helix.Bench.Infrastructure;
using Helix.Bilevel.Estimators;
using Helix.Bilevel.Meta;
using Helix.Bilevel.Model;
using Helix.Bilevel.Omniglot;
using Helix.Core;
using Helix.Torch;
using Spectre.Console;
using static TorchSharp.torch;

namespace Helix.Bench.Meta;

/// <summary>
/// `helix bench meta`: (1) time per meta-step and peak memory (VmHWM, one child process per point) against the inner
/// steps r for every estimator beside the naive unrolled exact MAML; (2) Omniglot 20-way 1-shot held-out accuracy
/// against training time for FOM, UFOM and exact MAML, all in the same run. Writes docs/bench/meta-*.csv/png and the
/// meta section of BENCHMARKS.md.
/// </summary>
public static class MetaBenchCommand
{
    const string Name = "meta";

    /// <summary>The `meta` subcommand of `helix bench`.</summary>
    public static Command Create()
    {
        var rs = new Option<string>("--rs") { Description = "Inner steps r of the sweep.", DefaultValueFactory = _ => "1,5,10,20,50" };
        var estimators = new Option<string>("--estimators") { Description = "Estimators of the sweep (unrolled = naive exact MAML).", DefaultValueFactory = _ => "fom,ufom:0.1,exact,exact:store,reptile,unrolled" };
        var sweepFilters = new Option<int>("--sweep-filters") { Description = "Conv filters in the sweep (64 is the standard network).", DefaultValueFactory = _ => 64 };
        var sweepSteps = new Option<int>("--sweep-steps") { Description = "Timed meta-steps per sweep point (after one warm-up).", DefaultValueFactory = _ => 2 };
        var omniSteps = new Option<int>("--omniglot-steps") { Description = "Meta-steps per estimator in the Omniglot run (0: skip it).", DefaultValueFactory = _ => 120 };
        var omniEstimators = new Option<string>("--omniglot-estimators") { DefaultValueFactory = _ => "fom,ufom:0.1,ufom:0.2,ufom:auto,exact" };
        var ways = new Option<int>("--ways") { DefaultValueFactory = _ => 20 };
        var inner = new Option<int>("--inner-steps") { Description = "r of the Omniglot run.", DefaultValueFactory = _ => 10 };
        var innerLr = new Option<double>("--inner-lr") { DefaultValueFactory = _ => 0.1 };
        var filters = new Option<int>("--filters") { Description = "Conv filters (64 standard; fewer to fit a shared machine).", DefaultValueFactory = _ => 32 };
        var metaBatch = new Option<int>("--meta-batch") { DefaultValueFactory = _ => 2 };
        var evalEpisodes = new Option<int>("--eval-episodes") { DefaultValueFactory = _ => 40 };
        var evals = new Option<int>("--evals") { Description = "Held-out evaluations along each Omniglot run.", DefaultValueFactory = _ => 4 };
        var data = new Option<string?>("--data") { Description = "Omniglot folder (default ../shared/data/omniglot)." };
        var pointTime = new Option<double>("--point-time-s") { DefaultValueFactory = _ => 300 };
        var cap = new Option<double>("--memory-cap-gib") { DefaultValueFactory = _ => 3 };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Repository root for docs/bench and BENCHMARKS.md." };
        var cmd = new Command("meta", "Bilevel meta-gradients: time and memory vs inner steps per estimator (vs unrolled MAML), and Omniglot 20-way 1-shot accuracy vs time.");
        foreach (var o in new Option[] { rs, estimators, sweepFilters, sweepSteps, omniSteps, omniEstimators, ways, inner, innerLr, filters, metaBatch, evalEpisodes, evals, data, pointTime, cap, output }) cmd.Options.Add(o);
        cmd.Subcommands.Add(MetaBenchPoint.Create());
        cmd.SetAction(p => CliRunner.Guard(() =>
        {
            var root = p.GetValue(output)?.FullName ?? BenchmarksMarkdown.FindRepoRoot();
            var rList = p.GetValue(rs)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
            var eList = p.GetValue(estimators)!.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
            var sweep = rList.Count == 0 || eList.Count == 0 ? new List<SweepPoint>() : Sweep(rList, eList, p.GetValue(sweepFilters), p.GetValue(sweepSteps), TimeSpan.FromSeconds(p.GetValue(pointTime)), (long)(p.GetValue(cap) * (1L << 30)));
            var curves = new List<MetaCurve>();
            string? dataPath = p.GetValue(data) ?? Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "omniglot"));
            string omniNote = "";
            if (p.GetValue(omniSteps) > 0)
            {
                if (Directory.Exists(dataPath) || File.Exists(dataPath))
                    curves = Omniglot(dataPath, p.GetValue(omniEstimators)!.Split(',', StringSplitOptions.RemoveEmptyEntries), p.GetValue(ways), p.GetValue(inner),
                        p.GetValue(innerLr), p.GetValue(filters), p.GetValue(metaBatch), p.GetValue(omniSteps), p.GetValue(evalEpisodes), p.GetValue(evals));
                else omniNote = $"Omniglot part skipped: no data at {dataPath}.";
            }
            Write(root, sweep, curves, omniNote, string.Join(' ', Environment.GetCommandLineArgs().Skip(1).SkipWhile(a => a != "meta").Skip(1)),
                p.GetValue(ways), p.GetValue(inner), p.GetValue(innerLr), p.GetValue(filters), p.GetValue(metaBatch), p.GetValue(omniSteps), p.GetValue(evalEpisodes));
            return 0;
        }));
        return cmd;
    }

    sealed record SweepPoint(int Filters, string Estimator, int R, string Status, long PeakBytes, double Seconds, double CpuSeconds, string Detail)
    {
        public double PeakMiB => PeakBytes / (1024.0 * 1024);
        public bool Ok => Status == "ok";
    }

    static List<SweepPoint> Sweep(List<int> rs, List<string> estimators, int filters, int steps, TimeSpan limit, long cap)
    {
        var points = new List<SweepPoint>();
        foreach (var e in estimators)
        {
            SweepPoint? last = null;
            foreach (var r in rs.Order())
            {
                if (last is { Ok: false }) { points.Add(new(filters, e, r, "not run", -1, double.NaN, double.NaN, "a smaller r failed")); continue; }
                AnsiConsole.MarkupLineInterpolated($"[grey]meta sweep:[/] {e} r={r} ...");
                var res = ChildPoint.Run(new[] { "bench", "meta", "point", "--estimator", e, "--inner-steps", r.ToString(CultureInfo.InvariantCulture), "--steps", steps.ToString(CultureInfo.InvariantCulture), "--filters", filters.ToString(CultureInfo.InvariantCulture) }, limit, cap);
                double Get(string n) => res.Result is { } j && j.TryGetProperty(n, out var v) ? v.GetDouble() : double.NaN;
                last = new SweepPoint(filters, e, r, res.Status, res.PeakBytes, Get("seconds"), Get("cpuSeconds"), res.Detail);
                points.Add(last);
                AnsiConsole.MarkupLineInterpolated($"      {res.Status}: peak {last.PeakMiB:F0} MiB, {last.Seconds:F3} s/step {res.Detail}");
            }
        }
        return points;
    }

    static List<MetaCurve> Omniglot(string dataPath, string[] estimators, int ways, int r, double alpha, int filters, int metaBatch, int steps, int evalEpisodes, int evals)
    {
        TorchRuntime.EnsureLoaded();
        var data = OmniglotDataset.Load(dataPath);
        var split = OmniglotSplit.ByAlphabet(data);
        var train = new EpisodeSampler(data, split.Train);
        var test = new EpisodeSampler(data, split.Test);
        var config = new ConvNetConfig(ways, filters);
        var evalRng = new SplitMix64(99);
        var held = Enumerable.Range(0, evalEpisodes).Select(_ => test.Sample(ways, 1, 1, evalRng)).ToList();
        var runsPath = Directory.Exists(dataPath) ? Path.Combine(dataPath, "all_runs.zip") : "";
        var runs = ways == 20 && File.Exists(runsPath) ? OneShotRuns.Load(runsPath) : null;
        var loop = new InnerLoop(r, alpha);
        var curves = new List<MetaCurve>();
        foreach (var e in estimators)
        {
            using var net = new ConvNet(config, 1);   // same start for every estimator
            var weights = net.Weights.Select(w => (Tensor)w).ToList();
            var est = new BilevelEstimator(EstimatorSpec.Parse(e), loop);
            using var opt = optim.Adam(net.parameters(), lr: 1e-3);
            var rng = new SplitMix64(5);   // same episodes for every estimator
            var points = new List<(int, double, double, double)>();
            double seconds = 0;
            int exact = 0, tasks = 0;
            void Evaluate(int step)
            {
                var acc = MetaEvaluation.Run(weights, config, held, loop);
                points.Add((step, seconds, acc.Mean, acc.HalfWidth95));
                AnsiConsole.MarkupLineInterpolated($"      {e} step {step}: {seconds:F0} s, held-out {acc.Mean:P1} ± {acc.HalfWidth95:P1}");
            }
            AnsiConsole.MarkupLineInterpolated($"[grey]meta omniglot:[/] {e}, {ways}-way 1-shot, r={r}, {steps} meta-steps");
            Evaluate(0);
            for (int s = 1; s <= steps; s++)
            {
                var episodes = Enumerable.Range(0, metaBatch).Select(_ => train.Sample(ways, 1, 1, rng)).ToList();
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
                seconds += clock.Elapsed.TotalSeconds;
                if (s % Math.Max(1, steps / evals) == 0 || s == steps) Evaluate(s);
            }
            var final = runs != null ? MetaEvaluation.Run(weights, config, runs, loop) : null;
            curves.Add(new MetaCurve(e, points, final?.Mean ?? double.NaN, final?.HalfWidth95 ?? double.NaN, exact, tasks));
        }
        return curves;
    }

    static void Write(string root, List<SweepPoint> sweep, List<MetaCurve> curves, string omniNote, string args,
        int ways, int r, double alpha, int filters, int metaBatch, int steps, int evalEpisodes)
    {
        var docs = Path.Combine(root, "docs", "bench");
        var md = new StringBuilder();
        md.AppendLine("## Bilevel meta-gradients (Helix.Bilevel)").AppendLine();
        md.AppendLine($"`./helix bench meta {args}`. Measured on a 2-core machine shared with seven other builds and test runs " +
            "(load average far above 2), so absolute times are inflated and noisy; compare within a table, where every row ran in the same session. " +
            "libtorch runs on 1 thread in the sweep points.").AppendLine();
        if (sweep.Count > 0)
        {
            var table = new ResultTable("estimator", "r", "status", "peak MiB", "peak vs r=5", "s/meta-step", "CPU s/meta-step", "time vs fom");
            foreach (var p in sweep)
            {
                var at5 = sweep.FirstOrDefault(x => x.Estimator == p.Estimator && x.R == 5 && x.Ok);
                var fom = sweep.FirstOrDefault(x => x.Estimator == "fom" && x.R == p.R && x.Ok);
                table.Add(p.Estimator, p.R, p.Status + (p.Ok ? "" : $" ({p.Detail})"), p.PeakBytes > 0 ? p.PeakMiB : null,
                    p.Ok && at5 != null ? (double)p.PeakBytes / at5.PeakBytes : double.NaN, p.Ok ? p.Seconds : double.NaN,
                    p.Ok ? p.CpuSeconds : double.NaN, p.Ok && fom != null ? p.Seconds / fom.Seconds : double.NaN);
            }
            AtomicFile.WriteAllText(Path.Combine(docs, "meta-sweep.csv"), table.ToCsv());
            var names = sweep.Select(p => p.Estimator).Distinct().ToList();
            Series S(string e, Func<SweepPoint, double> f) { var ok = sweep.Where(p => p.Estimator == e && p.Ok).ToList(); return new Series(e, ok.Select(p => (double)p.R).ToList(), ok.Select(f).ToList()); }
            SeriesPlot.SavePng(Path.Combine(docs, "meta-sweep.png"), new[]
            {
                ("Peak memory of one meta-gradient", "inner steps r", "VmHWM (MiB)", (IReadOnlyList<Series>)names.Select(e => S(e, p => p.PeakMiB)).ToList()),
                ("Time of one meta-gradient", "inner steps r", "seconds", (IReadOnlyList<Series>)names.Select(e => S(e, p => p.Seconds)).ToList()),
            });
            md.AppendLine("### Time and peak memory of one meta-gradient vs inner steps r").AppendLine();
            md.AppendLine($"One 5-way 1-shot task (1 query per class) on the 4-block conv net ({sweep[0].Filters} filters; 64 is standard, fewer fit the shared machine; 28×28, float32), one child process per point; " +
                "peak = the point's VmHWM (runtime and libtorch included). `unrolled` is the naive exact MAML that keeps the graph of every inner step (`create_graph`). " +
                "UFOM's time is a mean over its ξ draws, so few timed steps make it noisy.").AppendLine();
            md.Append(table.ToMarkdown()).AppendLine();
            md.AppendLine("![meta-gradient time and memory](docs/bench/meta-sweep.png)").AppendLine();
            foreach (var line in SweepTargets(sweep)) md.AppendLine("- " + line);
            md.AppendLine();
        }
        if (curves.Count > 0)
        {
            var table = new ResultTable("estimator", "meta-steps", "train s", "time vs exact", "held-out acc", "± 95%", "20 one-shot runs", "± 95%", "exact draws");
            var exact = curves.FirstOrDefault(c => c.Estimator == "exact");
            foreach (var c in curves)
            {
                var last = c.Points[^1];
                table.Add(c.Estimator, last.Step, last.Seconds, exact != null ? last.Seconds / exact.Points[^1].Seconds : double.NaN,
                    last.Accuracy * 100, last.HalfWidth * 100, c.RunsAccuracy * 100, c.RunsHalfWidth * 100, $"{c.ExactDraws}/{c.Tasks}");
            }
            AtomicFile.WriteAllText(Path.Combine(docs, "meta-omniglot.csv"), table.ToCsv());
            SeriesPlot.SavePng(Path.Combine(docs, "meta-omniglot.png"), new[]
            {
                ($"Omniglot {ways}-way 1-shot, r = {r}: held-out accuracy vs training time", "training seconds", "accuracy (%)",
                    (IReadOnlyList<Series>)curves.Select(c => new Series(c.Estimator, c.Points.Select(p => Math.Max(p.Seconds, 1)).ToList(), c.Points.Select(p => p.Accuracy * 100).ToList())).ToList()),
            }, logX: true, logY: false);
            md.AppendLine($"### Omniglot {ways}-way 1-shot: accuracy vs training time").AppendLine();
            md.AppendLine($"Meta-training from the same initial weights and the same episodes: conv net with {filters} filters (a reduced width so the run fits the shared machine), " +
                $"r = {r} inner SGD steps of α = {alpha}, meta-batch {metaBatch}, Adam 1e-3, {steps} meta-steps each. Held-out accuracy: {evalEpisodes} fixed episodes from the " +
                "held-out alphabets (Japanese (katakana), Tagalog), 1 query per class; the 20 standard one-shot runs score the final weights. Training seconds exclude evaluation.").AppendLine();
            md.Append(table.ToMarkdown()).AppendLine();
            md.AppendLine("![Omniglot accuracy vs time](docs/bench/meta-omniglot.png)").AppendLine();
            foreach (var line in OmniglotTargets(curves)) md.AppendLine("- " + line);
        }
        if (omniNote.Length > 0) md.AppendLine(omniNote);
        BenchmarksMarkdown.ReplaceSection(Path.Combine(root, "BENCHMARKS.md"), Name, md.ToString());
        AnsiConsole.Write(new Text(md.ToString()));
    }

    static IEnumerable<string> SweepTargets(List<SweepPoint> sweep)
    {
        foreach (var e in new[] { "exact", "unrolled" })
        {
            var a = sweep.FirstOrDefault(p => p.Estimator == e && p.R == 5 && p.Ok);
            var b = sweep.Where(p => p.Estimator == e && p.Ok).MaxBy(p => p.R);
            if (a == null || b == null || b.R <= 5) continue;
            double grow = (double)b.PeakBytes / a.PeakBytes - 1;
            yield return e == "exact"
                ? $"exact (recompute): peak {a.PeakMiB:F0} MiB at r=5, {b.PeakMiB:F0} MiB at r={b.R} ({grow:+0.0%;-0.0%}; target within 10%: {(Math.Abs(grow) <= 0.10 ? "met" : "NOT met")})."
                : $"unrolled reference: peak {a.PeakMiB:F0} MiB at r=5, {b.PeakMiB:F0} MiB at r={b.R} ({grow:+0.0%;-0.0%}: grows with r{(grow > 0.5 ? "" : " only a little")}).";
        }
    }

    static IEnumerable<string> OmniglotTargets(List<MetaCurve> curves)
    {
        var exact = curves.FirstOrDefault(c => c.Estimator == "exact");
        var u = curves.FirstOrDefault(c => c.Estimator == "ufom:0.1");
        var fom = curves.FirstOrDefault(c => c.Estimator == "fom");
        if (exact != null && u != null)
        {
            double gap = (exact.Points[^1].Accuracy - u.Points[^1].Accuracy) * 100, ratio = u.Points[^1].Seconds / exact.Points[^1].Seconds;
            yield return $"UFOM q=0.1 vs exact: {gap:+0.0;-0.0} accuracy points behind at {ratio:P0} of its training time (target: within 1 point at ≤ 40%: {(gap <= 1 && ratio <= 0.4 ? "met" : "NOT met")}; the 95% intervals are ±{u.Points[^1].HalfWidth * 100:F1} points).";
        }
        if (fom != null && u != null)
        {
            double lead = (u.Points[^1].Accuracy - fom.Points[^1].Accuracy) * 100;
            double ci = Math.Sqrt(u.Points[^1].HalfWidth * u.Points[^1].HalfWidth + fom.Points[^1].HalfWidth * fom.Points[^1].HalfWidth) * 100;
            yield return $"UFOM q=0.1 vs FOM at the same step count: {lead:+0.0;-0.0} points (combined 95% half-width ±{ci:F1}; target 'clearly ahead': {(lead > ci ? "met" : "NOT met")}).";
        }
    }
}
