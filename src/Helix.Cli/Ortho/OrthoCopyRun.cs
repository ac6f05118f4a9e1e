using System.Text.Json;
using System.Text.Json.Nodes;
using Helix.Core;
using Helix.Orthogonal;
using Helix.Torch;
using ScottPlot;
using Spectre.Console;
using static TorchSharp.torch;

namespace Helix.Cli.Ortho;

/// <summary>`helix ortho copy`: trains one model on the copying task, writing metrics.jsonl, curves.png, model.bin and report.json.</summary>
internal static class OrthoCopyRun
{
    public static int Run(CopyingOptions options, string mapName, int threads, string outDir, bool json)
    {
        OpenMpWaitPolicy.PreferPassive();
        TorchRuntime.EnsureLoaded();
        if (threads > 0) set_num_threads(threads);
        Directory.CreateDirectory(outDir);
        manual_seed(options.Seed);
        using var model = CopyingTraining.CreateModel(options);
        var metricsPath = options.MetricsPath ?? Path.Combine(outDir, "metrics.jsonl");
        double baseline = CopyingTask.MemorylessLoss(options.Delay);
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        CopyingResult result;
        try
        {
            if (json) result = CopyingTraining.Run(model, options, null, cancel.Token);
            else
            {
                CopyingResult? r = null;
                AnsiConsole.MarkupLineInterpolated($"[grey]ortho copy:[/] {mapName}, T = {options.Delay}, hidden {options.Hidden}, memoryless loss {baseline:F4}, output {outDir}");
                AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask("training", maxValue: options.Steps);
                        double lastEval = double.NaN;
                        r = CopyingTraining.Run(model, options, new SyncProgress<CopyingProgress>(p =>
                        {
                            if (p.EvaluationLoss is { } e) lastEval = e;
                            task.Value = p.Step;
                            task.Description = $"step {p.Step} loss {p.Loss:F4} held-out {lastEval:F4} ({lastEval / baseline:P0} of memoryless)";
                        }), cancel.Token);
                    });
                result = r!;
            }
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]interrupted[/]");
            return 130;
        }
        finally { Console.CancelKeyPress -= onCancel; }

        var (steps, losses, evalSteps, evalLosses) = ReadMetrics(metricsPath);
        var modelPath = Path.Combine(outDir, "model.bin");
        AtomicFile.Write(modelPath, (string tmp) => model.save(tmp));
        var plotPath = Path.Combine(outDir, "curves.png");
        Plot(plotPath, mapName, options.Delay, steps, losses, evalSteps, evalLosses, baseline);
        var summary = new Dictionary<string, object?>
        {
            ["map"] = mapName, ["delay"] = options.Delay, ["hidden"] = result.Hidden, ["parameters"] = result.Parameters,
            ["steps"] = result.Steps, ["seconds"] = Math.Round(result.Seconds, 2), ["stepsPerSecond"] = Math.Round(result.StepsPerSecond, 3),
            ["finalLoss"] = result.FinalLoss, ["bestLoss"] = result.BestLoss, ["memorylessLoss"] = baseline,
            ["fractionOfMemoryless"] = result.FinalLoss / baseline, ["solved"] = result.Solved,
            ["resumed"] = options.ResumeFrom is not null, ["checkpoint"] = options.CheckpointPath, ["metrics"] = metricsPath, ["plot"] = plotPath, ["model"] = modelPath,
        };
        var text = JsonSerializer.Serialize(summary);
        AtomicFile.WriteAllText(Path.Combine(outDir, "report.json"), text + "\n");
        if (json) Console.WriteLine(text);
        else
            AnsiConsole.MarkupLineInterpolated($"{mapName}: {result.Steps} steps in {result.Seconds:F1} s ({result.StepsPerSecond:F2} steps/s), held-out loss {result.FinalLoss:F4} = {result.FinalLoss / baseline:P1} of memoryless {baseline:F4}{(result.Solved ? " (solved)" : "")}; {plotPath}");
        return 0;
    }

    /// <summary>(train steps, train losses, validation steps, validation losses) from the trainer's metrics log.</summary>
    static (List<double>, List<double>, List<double>, List<double>) ReadMetrics(string path)
    {
        var r = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        if (!File.Exists(path)) return r;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line) || JsonNode.Parse(line) is not JsonObject o) continue;
            double step = o["step"]?.GetValue<double>() ?? 0, loss = o["loss"]?.GetValue<double>() ?? double.NaN;
            if ((string?)o["kind"] == "train") { r.Item1.Add(step); r.Item2.Add(loss); }
            else if ((string?)o["kind"] == "validation") { r.Item3.Add(step); r.Item4.Add(loss); }
        }
        return r;
    }

    static void Plot(string path, string name, int delay, List<double> steps, List<double> losses, List<double> evalSteps, List<double> evalLosses, double baseline)
    {
        if (steps.Count == 0) return;
        var plt = new Plot();
        var train = plt.Add.ScatterLine(steps.ToArray(), losses.ToArray());
        train.LegendText = "train loss";
        train.Color = Colors.Blue.WithAlpha(0.35);
        if (evalSteps.Count > 0)
        {
            var eval = plt.Add.Scatter(evalSteps.ToArray(), evalLosses.ToArray());
            eval.LegendText = "held-out loss";
            eval.Color = Colors.OrangeRed;
            eval.LineWidth = 2;
        }
        var line = plt.Add.HorizontalLine(baseline);
        line.LegendText = $"memoryless 10·ln8/(T+20) = {baseline:F4}";
        line.Color = Colors.Black;
        line.LinePattern = LinePattern.Dashed;
        plt.Title($"copying task, T = {delay}: {name}");
        plt.XLabel("step");
        plt.YLabel("cross entropy (nats/step)");
        plt.ShowLegend(Alignment.UpperRight);
        AtomicFile.Write(path, (string tmp) => plt.SavePng(tmp, 960, 540));
    }
}
