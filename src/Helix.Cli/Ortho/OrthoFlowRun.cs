using System.Text.Json;
using System.Text.Json.Nodes;
using Helix.Core;
using Helix.Orthogonal;
using Helix.Torch;
using ScottPlot;
using Spectre.Console;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Cli.Ortho;

/// <summary>`helix ortho flow`: each optimizer on the same problem; metrics.jsonl, curves.png (relative error vs time), report.json.</summary>
internal static class OrthoFlowRun
{
    internal sealed record Settings(string Problem, IReadOnlyList<string> Optimizers, int Dim, int K, MatchingKind Matching,
        double Lr, double GivensLr, double Momentum, long Steps, double Target, TimeSpan? TimeLimit, long Seed, int Threads, string OutDir, bool Json)
    {
        public IReadOnlyList<(int I, int J)>? Graph { get; init; }
        public int Delay { get; init; } = 200;
        public int BatchSize { get; init; } = 32;
        public double AdamLr { get; init; } = 1e-3;
    }

    public static int Run(Settings s)
    {
        OpenMpWaitPolicy.PreferPassive();
        TorchRuntime.EnsureLoaded();
        if (s.Threads > 0) set_num_threads(s.Threads);
        Directory.CreateDirectory(s.OutDir);
        IOrthogonalProblem problem = s.Problem == "brockett" ? new BrockettProblem(s.Dim, s.K, s.Seed) : new ProcrustesProblem(s.Dim, s.Seed);
        var options = new FlowOptions { Steps = s.Steps, TargetError = s.Target, TimeLimit = s.TimeLimit, EvaluateEvery = 10 };
        var lines = new List<string>();
        var results = new List<FlowResult>();
        foreach (var name in s.Optimizers)
        {
            var weight = new Parameter(problem.Start.clone());
            using var opt = name == "givens"
                ? new GivensFlow([weight], s.GivensLr, s.Matching, s.Momentum, s.Graph, s.Seed)
                : OrthogonalOptimizers.Create(name, [weight], s.Lr, s.Matching, s.Momentum, s.Seed);
            void Record(FlowProgress p) => lines.Add(new JsonObject
            {
                ["optimizer"] = name, ["step"] = p.Step, ["seconds"] = Math.Round(p.Seconds, 4), ["loss"] = p.Loss, ["relativeError"] = p.RelativeError,
            }.ToJsonString());
            FlowResult r;
            if (s.Json) r = FlowTraining.Run(problem, weight, opt, options, new SyncProgress<FlowProgress>(Record));
            else
            {
                FlowResult? res = null;
                AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask(name, maxValue: s.Steps);
                        res = FlowTraining.Run(problem, weight, opt, options, new SyncProgress<FlowProgress>(p =>
                        {
                            Record(p);
                            task.Value = p.Step;
                            task.Description = $"{name}: step {p.Step} relative error {p.RelativeError:E2}";
                        }));
                        task.Value = s.Steps;
                    });
                r = res!;
            }
            results.Add(r);
            weight.Dispose();
            AtomicFile.WriteAllText(Path.Combine(s.OutDir, "metrics.jsonl"), string.Join('\n', lines) + "\n");
        }
        var plot = Path.Combine(s.OutDir, "curves.png");
        Plot(plot, s, results);
        var summary = new Dictionary<string, object?>
        {
            ["problem"] = s.Problem, ["dim"] = s.Dim, ["k"] = s.Problem == "brockett" ? s.K : s.Dim, ["target"] = s.Target,
            ["results"] = results.Select(r => new Dictionary<string, object?>
            {
                ["optimizer"] = r.Optimizer, ["steps"] = r.Steps, ["seconds"] = Math.Round(r.Seconds, 3), ["msPerStep"] = Math.Round(r.SecondsPerStep * 1000, 3),
                ["finalRelativeError"] = r.FinalError, ["secondsToTarget"] = r.SecondsToTarget, ["orthogonalityError"] = r.OrthogonalityError,
            }).ToList(),
            ["plot"] = plot,
        };
        var text = JsonSerializer.Serialize(summary);
        AtomicFile.WriteAllText(Path.Combine(s.OutDir, "report.json"), text + "\n");
        if (s.Json) Console.WriteLine(text);
        else
            foreach (var r in results)
                AnsiConsole.MarkupLineInterpolated($"{r.Optimizer,-7} {r.Steps,6} steps, {r.SecondsPerStep * 1000,9:F2} ms/step, relative error {r.FinalError:E2}, to {s.Target:E0}: {(r.SecondsToTarget is { } t ? $"{t:F2} s" : "not reached")}, |XᵀX − I| {r.OrthogonalityError:E1}");
        return 0;
    }

    /// <summary>`--problem copy`: the copying task with Q trained by each optimizer; held-out loss against time.</summary>
    public static int RunCopy(Settings s)
    {
        OpenMpWaitPolicy.PreferPassive();
        TorchRuntime.EnsureLoaded();
        if (s.Threads > 0) set_num_threads(s.Threads);
        Directory.CreateDirectory(s.OutDir);
        var options = new CopyingOptions
        {
            Delay = s.Delay, Hidden = s.Dim, BatchSize = s.BatchSize, Steps = s.Steps, TimeLimit = s.TimeLimit, LearningRate = s.AdamLr, Seed = s.Seed,
        };
        double baseline = CopyingTask.MemorylessLoss(s.Delay);
        var lines = new List<string>();
        var results = new List<(string Name, CopyingResult R)>();
        foreach (var name in s.Optimizers)
        {
            var progress = new SyncProgress<CopyingProgress>(p =>
            {
                if (p.EvaluationLoss is { } e)
                    lines.Add(new JsonObject { ["optimizer"] = name, ["step"] = p.Step, ["seconds"] = Math.Round(p.Seconds, 3), ["loss"] = e, ["memoryless"] = baseline }.ToJsonString());
            });
            CopyingResult r;
            if (s.Json) r = CopyingFlowTraining.Run(options, name, name == "givens" ? s.GivensLr : s.Lr, progress);
            else
            {
                CopyingResult? res = null;
                AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask(name, maxValue: s.Steps);
                        res = CopyingFlowTraining.Run(options, name, name == "givens" ? s.GivensLr : s.Lr, new SyncProgress<CopyingProgress>(p =>
                        {
                            ((IProgress<CopyingProgress>)progress).Report(p);
                            task.Value = p.Step;
                            if (p.EvaluationLoss is { } e) task.Description = $"{name}: step {p.Step} held-out {e:F4} ({e / baseline:P0} of memoryless)";
                        }));
                        task.Value = s.Steps;
                    });
                r = res!;
            }
            results.Add((name, r));
            AtomicFile.WriteAllText(Path.Combine(s.OutDir, "metrics.jsonl"), string.Join('\n', lines) + "\n");
        }
        var plotPath = Path.Combine(s.OutDir, "curves.png");
        var plt = new Plot();
        foreach (var (name, r) in results)
        {
            if (r.Evaluations.Count == 0) continue;
            var line = plt.Add.ScatterLine(r.Evaluations.Select(e => e.Seconds).ToArray(), r.Evaluations.Select(e => e.Loss).ToArray());
            line.LegendText = name;
            line.LineWidth = 2;
        }
        var memoryless = plt.Add.HorizontalLine(baseline);
        memoryless.LinePattern = LinePattern.Dashed;
        memoryless.Color = Colors.Black;
        memoryless.LegendText = $"memoryless {baseline:F4}";
        plt.Title($"copying task T = {s.Delay}, hidden {s.Dim}: Q trained by each orthogonal optimizer");
        plt.XLabel("seconds");
        plt.YLabel("held-out cross entropy");
        plt.ShowLegend(Alignment.UpperRight);
        AtomicFile.Write(plotPath, (string tmp) => plt.SavePng(tmp, 960, 540));
        var text = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["problem"] = "copy", ["delay"] = s.Delay, ["hidden"] = s.Dim, ["memorylessLoss"] = baseline,
            ["results"] = results.Select(x => new Dictionary<string, object?>
            {
                ["optimizer"] = x.Name, ["lr"] = x.Name == "givens" ? s.GivensLr : s.Lr, ["steps"] = x.R.Steps, ["seconds"] = Math.Round(x.R.Seconds, 2),
                ["stepsPerSecond"] = Math.Round(x.R.StepsPerSecond, 3), ["finalLoss"] = x.R.FinalLoss, ["fractionOfMemoryless"] = x.R.FinalLoss / baseline,
                ["solved"] = x.R.Solved, ["orthogonalityError"] = x.R.OrthogonalityError,
            }).ToList(),
            ["plot"] = plotPath,
        });
        AtomicFile.WriteAllText(Path.Combine(s.OutDir, "report.json"), text + "\n");
        if (s.Json) Console.WriteLine(text);
        else
            foreach (var (name, r) in results)
                AnsiConsole.MarkupLineInterpolated($"{name,-8} {r.Steps,6} steps, {r.StepsPerSecond:F2} steps/s, held-out {r.FinalLoss:F4} = {r.FinalLoss / baseline:P1} of memoryless, |QᵀQ − I| {r.OrthogonalityError:E1}");
        return 0;
    }

    static void Plot(string path, Settings s, List<FlowResult> results)
    {
        var plt = new Plot();
        foreach (var r in results)
        {
            var pts = r.Trace.Where(p => p.RelativeError > 0).ToList();
            if (pts.Count == 0) continue;
            var line = plt.Add.ScatterLine(pts.Select(p => p.Seconds).ToArray(), pts.Select(p => Math.Log10(p.RelativeError)).ToArray());
            line.LegendText = r.Optimizer;
            line.LineWidth = 2;
        }
        var target = plt.Add.HorizontalLine(Math.Log10(s.Target));
        target.LinePattern = LinePattern.Dashed;
        target.Color = Colors.Black;
        target.LegendText = $"target {s.Target:E0}";
        plt.Title($"{s.Problem}, d = {s.Dim}: relative error against optimizer time");
        plt.XLabel("seconds");
        plt.YLabel("log10 relative error (f − f*)/(f₀ − f*)");
        plt.ShowLegend(Alignment.UpperRight);
        AtomicFile.Write(path, (string tmp) => plt.SavePng(tmp, 960, 540));
    }
}
