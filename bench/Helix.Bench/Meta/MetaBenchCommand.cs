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
        var rs = new Option<string>("--rs") { Description = "Inner steps r of the sweep (empty: skip the sweep).", DefaultValueFactory = _ => "1,5,10,20,50" };
        var estimators = new Option<string>("--estimators") { Description = "Estimators of the sweep (unrolled = naive exact MAML; empty: skip the sweep).", DefaultValueFactory = _ => "fom,ufom:0.1,exact,exact:store,reptile,unrolled" };
        var sweepFilters = new Option<int>("--sweep-filters") { Description = "Conv filters in the sweep (64 is the standard network).", DefaultValueFactory = _ => 64 };
        var sweepSteps = new Option<int>("--sweep-steps") { Description = "Timed meta-steps per sweep point (after the warm-up).", DefaultValueFactory = _ => 2 };
        var warmup = new Option<double>("--warmup-s") { Description = "Warm-up seconds per sweep point before its peak memory is reset (default 5).", DefaultValueFactory = _ => 5 };
        var sweepSection = new Option<string>("--sweep-section") { Description = "Name of the sweep's subsection, CSV and PNG (meta-NAME; default sweep).", DefaultValueFactory = _ => "sweep" };
        var budget = new Option<double>("--budget-s") { Description = "Omniglot part: training seconds per estimator (0: skip the part; default 120).", DefaultValueFactory = _ => 120 };
        var clock = new Option<string>("--clock") { Description = "Omniglot budget clock: cpu (process CPU time of the training steps) or wall (default cpu).", DefaultValueFactory = _ => "cpu" };
        var evalAt = new Option<string>("--eval-at") { Description = "Fractions of the budget at which to score the held-out episodes (default 0.1,0.2,0.4,0.7,1).", DefaultValueFactory = _ => "0.1,0.2,0.4,0.7,1" };
        var omniEstimators = new Option<string>("--omniglot-estimators") { Description = "Estimators of the Omniglot part (default fom,ufom:0.1,ufom:0.2,ufom:auto,exact).", DefaultValueFactory = _ => "fom,ufom:0.1,ufom:0.2,ufom:auto,exact" };
        var ways = new Option<int>("--ways") { Description = "N of the N-way 1-shot episodes (default 20).", DefaultValueFactory = _ => 20 };
        var inner = new Option<int>("--inner-steps") { Description = "r of the Omniglot run (default 10).", DefaultValueFactory = _ => 10 };
        var innerLr = new Option<double>("--inner-lr") { Description = "α of the Omniglot run (default 0.1).", DefaultValueFactory = _ => 0.1 };
        var filters = new Option<int>("--filters") { Description = "Conv filters of the Omniglot run (64 standard; default 32 to fit a shared machine).", DefaultValueFactory = _ => 32 };
        var metaBatch = new Option<int>("--meta-batch") { Description = "Episodes per meta-step (default 2).", DefaultValueFactory = _ => 2 };
        var queries = new Option<int>("--queries") { Description = "Training query drawings per class (default 1).", DefaultValueFactory = _ => 1 };
        var evalEpisodes = new Option<int>("--eval-episodes") { Description = "Held-out episodes per evaluation (default 60).", DefaultValueFactory = _ => 60 };
        var evalQueries = new Option<int>("--eval-queries") { Description = "Query drawings per class in held-out episodes (default 5).", DefaultValueFactory = _ => 5 };
        var data = new Option<string?>("--data") { Description = "Omniglot folder (default ../shared/data/omniglot)." };
        var pointTime = new Option<double>("--point-time-s") { Description = "Time cap of one sweep point (default 300).", DefaultValueFactory = _ => 300 };
        var cap = new Option<double>("--memory-cap-gib") { Description = "Memory cap of one sweep point (default 3).", DefaultValueFactory = _ => 3 };
        var replot = new Option<bool>("--replot") { Description = "Only redraw docs/bench/meta-omniglot.png from its CSV (give the run's --ways, --inner-steps and --clock; default off)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Repository root for docs/bench and BENCHMARKS.md (default: found from the working folder)." };
        var cmd = new Command("meta", "Bilevel meta-gradients: time and memory vs inner steps per estimator (vs unrolled MAML), and Omniglot N-way 1-shot accuracy vs training time under equal budgets.");
        foreach (var o in new Option[] { rs, estimators, sweepFilters, sweepSteps, warmup, sweepSection, budget, clock, evalAt, omniEstimators, ways, inner, innerLr, filters, metaBatch, queries, evalEpisodes, evalQueries, data, pointTime, cap, replot, output }) cmd.Options.Add(o);
        cmd.Subcommands.Add(MetaBenchPoint.Create());
        cmd.SetAction(p => CliRunner.Guard(() =>
        {
            var root = p.GetValue(output)?.FullName ?? BenchmarksMarkdown.FindRepoRoot();
            if (p.GetValue(replot))
            {
                ReplotOmniglot(root, p.GetValue(ways), p.GetValue(inner), p.GetValue(clock)!.Trim().ToLowerInvariant() == "wall" ? "wall" : "CPU");
                return 0;
            }
            var args = string.Join(' ', Environment.GetCommandLineArgs().Skip(1).SkipWhile(a => a != "meta").Skip(1).Select(a => a.Length == 0 ? "\"\"" : a));
            var rList = p.GetValue(rs)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
            var eList = p.GetValue(estimators)!.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
            if (rList.Count > 0 && eList.Count > 0)
            {
                string sweepLoad = LoadAverage.All();
                var sweep = Sweep(rList, eList, p.GetValue(sweepFilters), p.GetValue(sweepSteps), p.GetValue(warmup), TimeSpan.FromSeconds(p.GetValue(pointTime)), (long)(p.GetValue(cap) * (1L << 30)));
                WriteSweep(root, p.GetValue(sweepSection)!, sweep, args, sweepLoad, LoadAverage.All());
            }
            if (p.GetValue(budget) > 0)
            {
                string dataPath = p.GetValue(data) ?? Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "omniglot"));
                if (!Directory.Exists(dataPath) && !File.Exists(dataPath))
                    throw new InvalidOptionException("Data", $"no Omniglot data at {dataPath}");
                var clockName = p.GetValue(clock)!.Trim().ToLowerInvariant();
                if (clockName is not ("cpu" or "wall")) throw new InvalidOptionException("Clock", $"'{clockName}': use cpu or wall");
                var fractions = p.GetValue(evalAt)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).Order().ToList();
                var settings = new MetaOmniglotSettings(dataPath, p.GetValue(omniEstimators)!.Split(',', StringSplitOptions.RemoveEmptyEntries), p.GetValue(ways),
                    p.GetValue(inner), p.GetValue(innerLr), p.GetValue(filters), p.GetValue(metaBatch), p.GetValue(queries), p.GetValue(budget), fractions,
                    p.GetValue(evalEpisodes), p.GetValue(evalQueries), clockName == "cpu");
                string loadBefore = LoadAverage.All();
                var curves = MetaOmniglotRun.Run(settings);
                WriteOmniglot(root, settings, curves, args, loadBefore, LoadAverage.All());
            }
            return 0;
        }));
        return cmd;
    }


    sealed record SweepPoint(int Filters, string Estimator, int R, string Status, long PeakBytes, double Seconds, double CpuSeconds, string Detail)
    {
        public double PeakMiB => PeakBytes / (1024.0 * 1024);
        public bool Ok => Status == "ok";
    }

    static List<SweepPoint> Sweep(List<int> rs, List<string> estimators, int filters, int steps, double warmup, TimeSpan limit, long cap)
    {
        var points = new List<SweepPoint>();
        foreach (var e in estimators)
        {
            SweepPoint? last = null;
            foreach (var r in rs.Order())
            {
                if (last is { Ok: false }) { points.Add(new(filters, e, r, "not run", -1, double.NaN, double.NaN, "a smaller r failed")); continue; }
                AnsiConsole.MarkupLineInterpolated($"[grey]meta sweep:[/] {e} r={r} ...");
                var res = ChildPoint.Run(new[] { "bench", "meta", "point", "--estimator", e, "--inner-steps", r.ToString(CultureInfo.InvariantCulture), "--steps", steps.ToString(CultureInfo.InvariantCulture), "--filters", filters.ToString(CultureInfo.InvariantCulture), "--warmup-s", warmup.ToString(CultureInfo.InvariantCulture) }, limit, cap);
                double Get(string n) => res.Result is { } j && j.TryGetProperty(n, out var v) ? v.GetDouble() : double.NaN;
                last = new SweepPoint(filters, e, r, res.Status, res.PeakBytes, Get("seconds"), Get("cpuSeconds"), res.Detail);
                points.Add(last);
                AnsiConsole.MarkupLineInterpolated($"      {res.Status}: peak {last.PeakMiB:F0} MiB, {last.Seconds:F3} s/step {res.Detail}");
            }
        }
        return points;
    }

    static void WriteSweep(string root, string section, List<SweepPoint> sweep, string args, string loadBefore, string loadAfter)
    {
        var docs = Path.Combine(root, "docs", "bench");
        var md = new StringBuilder();
        var table = new ResultTable("estimator", "r", "status", "peak MiB", "peak vs r=5", "s/meta-step", "CPU s/meta-step", "time vs fom");
        foreach (var p in sweep)
        {
            var at5 = sweep.FirstOrDefault(x => x.Estimator == p.Estimator && x.R == 5 && x.Ok);
            var fom = sweep.FirstOrDefault(x => x.Estimator == "fom" && x.R == p.R && x.Ok);
            table.Add(p.Estimator, p.R, p.Status + (p.Ok ? "" : $" ({p.Detail})"), p.PeakBytes > 0 ? p.PeakMiB : null,
                p.Ok && at5 != null ? (double)p.PeakBytes / at5.PeakBytes : double.NaN, p.Ok ? p.Seconds : double.NaN,
                p.Ok ? p.CpuSeconds : double.NaN, p.Ok && fom != null ? p.Seconds / fom.Seconds : double.NaN);
        }
        AtomicFile.WriteAllText(Path.Combine(docs, $"meta-{section}.csv"), table.ToCsv());
        var names = sweep.Select(p => p.Estimator).Distinct().ToList();
        Series S(string e, Func<SweepPoint, double> f) { var ok = sweep.Where(p => p.Estimator == e && p.Ok).ToList(); return new Series(e, ok.Select(p => (double)p.R).ToList(), ok.Select(f).ToList()); }
        SeriesPlot.SavePng(Path.Combine(docs, $"meta-{section}.png"), new[]
        {
            ("Peak memory of one meta-gradient", "inner steps r", "VmHWM (MiB)", (IReadOnlyList<Series>)names.Select(e => S(e, p => p.PeakMiB)).ToList()),
            ("Time of one meta-gradient", "inner steps r", "seconds", (IReadOnlyList<Series>)names.Select(e => S(e, p => p.Seconds)).ToList()),
        });
        md.AppendLine($"### Time and peak memory of one meta-gradient vs inner steps r ({section})").AppendLine();
        md.AppendLine($"`./helix bench meta {args}`").AppendLine();
        md.AppendLine($"One 5-way 1-shot task (1 query per class, synthetic 28×28 images) on the 4-block conv net ({sweep[0].Filters} filters; 64 is standard), float32, " +
            "libtorch on 1 thread, one child process per point. Each point first warms up (at least --warmup-s seconds of meta-steps: the runtime's own memory, " +
            "tiered JIT and managed heap, grows with the work a process has done whatever r is), collects garbage, resets VmHWM (/proc/self/clear_refs), then times " +
            "its steps: peak = the VmHWM of those steps on a warm process (runtime and libtorch included). `unrolled` is the naive exact MAML that keeps the graph " +
            "of every inner step (`create_graph`). UFOM's time is a mean over its ξ draws, so few timed steps make it noisy. " +
            $"Load average (1, 5, 15 min) {loadBefore} at the start, {loadAfter} at the end.").AppendLine();
        md.Append(table.ToMarkdown()).AppendLine();
        md.AppendLine($"![meta-gradient time and memory](docs/bench/meta-{section}.png)").AppendLine();
        foreach (var line in SweepTargets(sweep)) md.AppendLine("- " + line);
        BenchmarksMarkdown.ReplaceSection(Path.Combine(root, "BENCHMARKS.md"), "meta-" + section, md.ToString());
        AnsiConsole.Write(new Text(md.ToString()));
    }

    static void WriteOmniglot(string root, MetaOmniglotSettings s, List<MetaCurve> curves, string args, string loadBefore, string loadAfter)
    {
        var docs = Path.Combine(root, "docs", "bench");
        var csv = new ResultTable("estimator", "meta-steps", "tasks", "exact draws", "q", "train CPU s", "train wall s", "held-out acc %", "± 95%");
        foreach (var c in curves)
            foreach (var p in c.Points)
                csv.Add(c.Estimator, p.Step, p.Tasks, p.ExactDraws, p.Probability, p.CpuSeconds, p.WallSeconds, p.Accuracy * 100, p.HalfWidth * 100);
        AtomicFile.WriteAllText(Path.Combine(docs, "meta-omniglot.csv"), csv.ToCsv());
        double chance = 100.0 / s.Ways;
        PlotOmniglot(Path.Combine(docs, "meta-omniglot.png"), curves.SelectMany(c => c.Points.Select(p => (c.Estimator, p.CpuSeconds, p.Accuracy * 100))),
            s.Ways, s.InnerSteps, s.CpuClock ? "CPU" : "wall");
        // One column per budget fraction: each estimator's evaluation nearest to it.
        var fractions = new[] { 0.0 }.Concat(s.EvalAt).Distinct().ToList();
        var cols = new List<string> { "estimator" };
        cols.AddRange(fractions.Select(f => $"{f:0.##}·T"));
        cols.AddRange(new[] { "meta-steps", "exact draws / tasks", "final q", "train wall s", $"{s.Ways} one-shot runs" });
        var table = new ResultTable(cols.ToArray());
        foreach (var c in curves)
        {
            var cells = new List<object?> { c.Estimator };
            cells.AddRange(fractions.Select(f => (object?)$"{c.At(f * s.BudgetSeconds).Accuracy * 100:F1} ± {c.At(f * s.BudgetSeconds).HalfWidth * 100:F1}"));
            cells.AddRange(new object?[] { c.Last.Step, $"{c.Last.ExactDraws}/{c.Last.Tasks}", c.Last.Probability, c.Last.WallSeconds,
                double.IsNaN(c.RunsAccuracy) ? "" : $"{c.RunsAccuracy * 100:F1} ± {c.RunsHalfWidth * 100:F1}" });
            table.Add(cells.ToArray());
        }
        var chanceRow = new List<object?> { "chance" };
        chanceRow.AddRange(fractions.Select(_ => (object?)$"{chance:F1}"));
        chanceRow.AddRange(new object?[] { "", "", "", "", $"{chance:F1}" });
        table.Add(chanceRow.ToArray());
        var md = new StringBuilder();
        md.AppendLine($"### Omniglot {s.Ways}-way 1-shot: held-out accuracy vs training time, equal budgets").AppendLine();
        md.AppendLine($"`./helix bench meta {args}`").AppendLine();
        md.AppendLine($"Each estimator meta-trains for the same budget T = {s.BudgetSeconds:F0} s of {(s.CpuClock ? "process CPU time of its training steps (libtorch on 1 thread: on an idle core that is its wall time; on this shared machine wall time would favour whichever estimator ran while the load was lower)" : "wall time")}, " +
            $"from the same initial weights and the same episode generator (UFOM's ξ draws come from it too, so its episodes differ after the first draw): conv net with {s.Filters} filters{(s.Filters < 64 ? " (64 is standard; reduced so that five budgets fit the shared machine)" : "")}, " +
            $"r = {s.InnerSteps} inner SGD steps of α = {s.InnerLr} (the same loop at evaluation), meta-batch {s.MetaBatch}, {s.Queries} training quer{(s.Queries == 1 ? "y" : "ies")} per class, Adam 1e-3. " +
            $"Held-out accuracy (mean ± 95% half-width over episodes) is scored on {s.EvalEpisodes} fixed episodes from the held-out alphabets (Japanese (katakana), Tagalog; " +
            $"{s.EvalQueries} queries per class) at the budget fractions in the columns (each column: the estimator's evaluation nearest to that time; evaluation time is not counted); " +
            $"the last column scores the final weights on the 20 standard one-shot runs. Chance is {chance:F0}%. Load average (1, 5, 15 min) {loadBefore} at the start, {loadAfter} at the end. " +
            $"CSV: `docs/bench/meta-omniglot.csv` (every evaluation).").AppendLine();
        md.Append(table.ToMarkdown()).AppendLine();
        md.AppendLine("![Omniglot accuracy vs time](docs/bench/meta-omniglot.png)").AppendLine();
        foreach (var line in OmniglotTargets(curves, s.BudgetSeconds)) md.AppendLine("- " + line);
        BenchmarksMarkdown.ReplaceSection(Path.Combine(root, "BENCHMARKS.md"), "meta-omniglot", md.ToString());
        AnsiConsole.Write(new Text(md.ToString()));
    }

    /// <summary>Accuracy against training time per estimator, with chance; the untrained point (time 0) is drawn at 0.001 s.</summary>
    static void PlotOmniglot(string png, IEnumerable<(string Estimator, double Seconds, double Accuracy)> points, int ways, int r, string clock)
    {
        var list = points.ToList();
        var series = list.Select(p => p.Estimator).Distinct().Select(e => new Series(e,
            list.Where(p => p.Estimator == e).Select(p => Math.Max(p.Seconds, 1e-3)).ToList(), list.Where(p => p.Estimator == e).Select(p => p.Accuracy).ToList())).ToList();
        double chance = 100.0 / ways, end = list.Max(p => p.Seconds) * 1.02;
        series.Add(new Series($"chance ({chance:0.#}%)", new[] { 1e-3, end }, new[] { chance, chance }));
        SeriesPlot.SavePng(png, new[]
        {
            ($"Omniglot {ways}-way 1-shot, r = {r}: held-out accuracy vs training time", $"training {clock} seconds", "held-out accuracy (%)", (IReadOnlyList<Series>)series),
        }, logX: false, logY: false, panelWidth: 800);
    }

    /// <summary>Redraws the Omniglot plot from its CSV (columns as written by <see cref="WriteOmniglot"/>).</summary>
    static void ReplotOmniglot(string root, int ways, int r, string clock)
    {
        var docs = Path.Combine(root, "docs", "bench");
        var rows = File.ReadAllLines(Path.Combine(docs, "meta-omniglot.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .Select(c => (c[0], double.Parse(c[5], CultureInfo.InvariantCulture), double.Parse(c[7], CultureInfo.InvariantCulture)));
        PlotOmniglot(Path.Combine(docs, "meta-omniglot.png"), rows, ways, r, clock);
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
                : $"unrolled reference: peak {a.PeakMiB:F0} MiB at r=5, {b.PeakMiB:F0} MiB at r={b.R} ({grow:+0.0%;-0.0%}, {(b.PeakMiB - a.PeakMiB) / (b.R - 5):F1} MiB per inner step: it keeps every step's graph).";
        }
    }

    static IEnumerable<string> OmniglotTargets(List<MetaCurve> curves, double budget)
    {
        var exact = curves.FirstOrDefault(c => c.Estimator == "exact");
        var fom = curves.FirstOrDefault(c => c.Estimator == "fom");
        foreach (var u in curves.Where(c => c.Estimator.StartsWith("ufom", StringComparison.Ordinal)))
        {
            if (exact != null)
            {
                var target = exact.Last;
                var at40 = u.At(0.4 * target.CpuSeconds);
                double gap = (target.Accuracy - at40.Accuracy) * 100;
                var first = u.Points.FirstOrDefault(p => p.Accuracy * 100 >= target.Accuracy * 100 - 1);
                string reach = first == null ? "never within 1 point of it inside the budget"
                    : $"first within 1 point at {first.CpuSeconds:F0} s ({first.CpuSeconds / target.CpuSeconds:P0} of exact's time)";
                string verdict = u.Estimator == "ufom:0.1" ? $" Target (within 1 point at ≤ 40%): {(gap <= 1 && at40.CpuSeconds <= 0.4 * target.CpuSeconds * 1.1 ? "met" : "NOT met")}." : "";
                yield return $"{u.Estimator} vs exact: exact ends at {target.Accuracy * 100:F1} ± {target.HalfWidth * 100:F1}% after {target.CpuSeconds:F0} s; " +
                    $"{u.Estimator} has {at40.Accuracy * 100:F1} ± {at40.HalfWidth * 100:F1}% at {at40.CpuSeconds:F0} s ({at40.CpuSeconds / target.CpuSeconds:P0} of exact's time; {(gap > 0 ? $"{gap:F1} points behind" : $"{-gap:F1} points ahead")}), " +
                    $"{u.Last.Accuracy * 100:F1}% at the end of its own budget; {reach}.{verdict}";
            }
            if (fom != null)
            {
                double lead = (u.Last.Accuracy - fom.Last.Accuracy) * 100;
                double ci = Math.Sqrt(u.Last.HalfWidth * u.Last.HalfWidth + fom.Last.HalfWidth * fom.Last.HalfWidth) * 100;
                yield return $"{u.Estimator} vs FOM at the end of equal budgets: {u.Last.Accuracy * 100:F1}% vs {fom.Last.Accuracy * 100:F1}% ({lead:+0.0;-0.0} points; " +
                    $"combined 95% half-width ±{ci:F1}: {(lead > ci ? "clearly ahead" : lead > 0 ? "ahead, but not clearly" : "NOT ahead")}).";
            }
        }
    }
}
