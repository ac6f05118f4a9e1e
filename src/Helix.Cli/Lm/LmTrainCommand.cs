using Helix.Cli.Hosting.Options;
using System.CommandLine;
using System.Text.Json;
using Helix.Attention.Slim;
using Helix.LanguageModels.Data;
using Helix.LanguageModels.Jobs;
using Helix.Plots;
using Helix.Torch;
using Helix.Training;
using Spectre.Console;

namespace Helix.Cli.Lm;

/// <summary>`helix lm train`: flags → <see cref="LmTrainingOptions"/>, then <see cref="LmTrainingJob"/> with a progress bar and the curves plot.</summary>
internal static class LmTrainCommand
{
    public static Command Create()
    {
        var defaults = new LmTrainingOptions { DataPath = "" };
        var m = defaults.Model;
        var t = defaults.Training;
        var data = new Option<FileInfo>("--data") { Description = "Text file (byte tokens) or FASTA file (amino-acid tokens).", Required = true };
        var tokens = new Option<LmTokens>("--tokens") { Description = "Token kind: auto (FASTA → amino, else bytes), bytes or amino.", DefaultValueFactory = _ => LmTokens.Auto };
        var memory = new Option<string>("--memory") { Description = "full, or chunked:C for SLiM over slices of C tokens (same gradients, memory O(C) in the length).", DefaultValueFactory = _ => "full" };
        var length = new Option<int>("--length") { Description = "Training sequence length L (tokens per row).", DefaultValueFactory = _ => m.Length };
        var batch = new Option<int>("--batch-size") { Description = "Sequences per step.", DefaultValueFactory = _ => defaults.BatchSize };
        var steps = new Option<long>("--steps") { Description = "Optimizer steps in the run (the learning-rate schedule ends here).", DefaultValueFactory = _ => t.Steps };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate (AdamW, warmup then cosine).", DefaultValueFactory = _ => t.LearningRate };
        var warmup = new Option<long>("--warmup") { Description = "Warmup steps.", DefaultValueFactory = _ => t.WarmupSteps };
        var dim = new Option<int>("--dim") { Description = "Model width.", DefaultValueFactory = _ => m.Dim };
        var depth = new Option<int>("--depth") { Description = "Layers.", DefaultValueFactory = _ => m.Depth };
        var heads = new Option<int>("--heads") { Description = "Attention heads (must divide --dim).", DefaultValueFactory = _ => m.Heads };
        var features = new Option<int>("--features") { Description = "FAVOR+ random features m per head.", DefaultValueFactory = _ => m.Features };
        var dropout = new Option<double>("--dropout") { Description = "Dropout probability.", DefaultValueFactory = _ => m.Dropout };
        var seed = new Option<ulong>("--seed") { Description = "Seed of weights, data order and dropout.", DefaultValueFactory = _ => t.Seed };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for model.ckpt, metrics.jsonl, curves.png and report.json.", DefaultValueFactory = _ => new DirectoryInfo(defaults.OutputDirectory) };
        var resume = new Option<bool>("--resume") { Description = "Continue from --out's checkpoint (the model shape comes from it; --memory may differ)." };
        var every = new Option<long>("--checkpoint-every") { Description = "Checkpoint and validate every this many steps.", DefaultValueFactory = _ => t.CheckpointEvery };
        var minutes = new TimeLimitOption("Stop after this long, with a checkpoint");
        var threads = new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<bool>("--json") { Description = "No progress bar; print the result as one JSON object." };

        var cmd = new Command("train", "Train a causal Performer language model, in full or chunked (SLiM) memory mode, with checkpoints and resume.");
        foreach (var o in new Option[] { data, tokens, memory, length, batch, steps, lr, warmup, dim, depth, heads, features, dropout, seed, output, resume, every, minutes, threads, json })
            cmd.Options.Add(o);
        cmd.MapOptions(
            (nameof(LmTrainingOptions.DataPath), "--data"), (nameof(LmTrainingOptions.Tokens), "--tokens"),
            (nameof(LmTrainingOptions.BatchSize), "--batch-size"), (nameof(LmTrainingOptions.OutputDirectory), "--out"),
            (nameof(LmTrainingOptions.Resume), "--resume"), (nameof(LmModelConfig.Length), "--length"),
            (nameof(LmModelConfig.Dim), "--dim"), (nameof(LmModelConfig.Depth), "--depth"), (nameof(LmModelConfig.Heads), "--heads"),
            (nameof(LmModelConfig.Features), "--features"), (nameof(LmModelConfig.Dropout), "--dropout"),
            (nameof(TrainingOptions.Steps), "--steps"), (nameof(TrainingOptions.LearningRate), "--lr"),
            (nameof(TrainingOptions.WarmupSteps), "--warmup"), (nameof(TrainingOptions.CheckpointEvery), "--checkpoint-every"),
            (nameof(TrainingOptions.ValidateEvery), "--checkpoint-every"), (nameof(TrainingOptions.TimeLimit), "--time-limit"),
            (nameof(TrainingOptions.Seed), "--seed"));
        cmd.SetAction(p =>
        {
            long checkpointEvery = p.GetValue(every);
            var options = defaults with
            {
                DataPath = p.GetValue(data)!.FullName,
                Tokens = p.GetValue(tokens),
                Memory = MemoryMode.Parse(p.GetValue(memory)!),
                BatchSize = p.GetValue(batch),
                OutputDirectory = p.GetValue(output)!.FullName,
                Resume = p.GetValue(resume),
                Model = m with
                {
                    Length = p.GetValue(length), Dim = p.GetValue(dim), Depth = p.GetValue(depth), Heads = p.GetValue(heads),
                    Features = p.GetValue(features), Dropout = p.GetValue(dropout),
                },
                Training = t with
                {
                    Steps = p.GetValue(steps), LearningRate = p.GetValue(lr), WarmupSteps = p.GetValue(warmup), Seed = p.GetValue(seed),
                    ValidateEvery = checkpointEvery, CheckpointEvery = checkpointEvery,
                    TimeLimit = minutes.Limit(p),
                },
            };
            int nThreads = p.GetValue(threads);
            if (nThreads < 1) throw new CliUsageException($"--threads must be at least 1, got {nThreads}.");
            return Run(options, nThreads, p.GetValue(json));
        });
        return cmd;
    }

    static int Run(LmTrainingOptions options, int threads, bool json)
    {
        OpenMpWaitPolicy.PreferPassive();
        TorchRuntime.EnsureLoaded();
        TorchSharp.torch.set_num_threads(threads);
        using var ctrlC = ConsoleCancellation.Listen();
        var curves = new TrainingCurvesWriter(options.MetricsPath, options.PlotPath, "lm");
        LmTrainingResult result;
        if (json) result = LmTrainingJob.Run(options, null, ctrlC.Token, [curves]);
        else
        {
            CliConsole.Out.MarkupLineInterpolated($"[grey]lm train:[/] memory {options.Memory}, {options.DataPath}, output {options.OutputDirectory}{(options.Resume ? ", resuming" : "")}");
            result = LiveProgress.Run(view =>
            {
                LiveTask? bar = null;
                return LmTrainingJob.Run(options, new Helix.Core.SyncProgress<TrainingProgress>(p =>
                {
                    bar ??= view.AddTask("training", p.TotalSteps);
                    bar.Value = p.Step;
                    bar.Description = TrainingLine(p);
                    if (!view.IsLive && (p.Step % 50 == 0 || p.Validation != null)) view.WriteLine(TrainingLine(p));
                }), ctrlC.Token, [curves]);
            });
        }
        Report(result, json);
        return 0;
    }

    static string TrainingLine(TrainingProgress p)
    {
        var v = p.Validation is { } val ? $" val {val.Loss:F3}" : "";
        return $"step {p.Step} loss {p.SmoothedLoss:F3}{v} {p.TokensPerSecond:F0} tok/s";
    }

    static void Report(LmTrainingResult r, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["memory"] = r.Memory, ["tokens"] = r.Tokens.ToString().ToLowerInvariant(), ["startStep"] = r.StartStep,
                ["finalStep"] = r.FinalStep, ["finalTrainLoss"] = r.FinalTrainLoss, ["validationLoss"] = r.ValidationLoss,
                ["validationPerplexity"] = r.ValidationPerplexity, ["tokensPerSecond"] = Math.Round(r.TokensPerSecond, 1),
                ["elapsedSeconds"] = Math.Round(r.ElapsedSeconds, 1), ["stoppedEarly"] = r.StoppedEarly, ["checkpoint"] = r.CheckpointPath,
                ["model"] = r.Model, ["parameters"] = r.Parameters,
            }));
            return;
        }
        string early = r.StoppedEarly ? " (stopped early; --resume continues)" : "";
        CliConsole.Out.MarkupLineInterpolated($"steps {r.StartStep} → {r.FinalStep}{early}, train loss {r.FinalTrainLoss ?? double.NaN:F3}, validation loss {r.ValidationLoss:F3} (perplexity {r.ValidationPerplexity:F2}), {r.TokensPerSecond:F0} tokens/s");
        CliConsole.Out.MarkupLineInterpolated($"checkpoint {r.CheckpointPath}; metrics.jsonl, curves.png and report.json beside it");
    }
}
