using Helix.Torch;
using Helix.Core;
using System.Text.Json;
using Helix.Attention;
using Helix.Attention.Slim;
using Helix.Training;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Cli.Lm;

/// <summary>
/// `helix lm train`: builds (or, with --resume, rebuilds from the checkpoint) a causal PerformerLM, and trains it with
/// the training kit; each step's loss and gradients come from SLiM in the chosen memory mode, so a run may switch
/// between full and chunked mode across resumes and sees the same numbers.
/// </summary>
internal static class LmTrainRun
{
    const int ValidationBatches = 4;

    public static int Run(LmTrainSettings s)
    {
        TorchRuntime.EnsureLoaded();
        string checkpoint = Path.Combine(s.OutputDir, "checkpoint.ckpt");
        var shape = s.Resume ? ResumedShape(checkpoint) : null;
        if (!s.Resume && File.Exists(checkpoint))
            throw new CliUsageException($"{checkpoint} already exists: add --resume to continue that run, or give another --out.");
        var corpus = LmCorpus.Load(s.Data, shape is null ? s.Tokens : Enum.Parse<LmTokens>(shape.Tokens));
        shape ??= new LmModelSettings(s.Dim, s.Depth, s.Heads, s.Features, s.Length, s.Dropout, corpus.Tokens.ToString(), corpus.VocabSize);
        if (shape.VocabSize != corpus.VocabSize)
            throw new CliUsageException($"{checkpoint} was trained with {shape.VocabSize} token ids, but {s.Data} gives {corpus.VocabSize}; resume on the same kind of data.");

        torch.manual_seed(unchecked((long)s.Seed));
        using var lm = new PerformerLM(new PerformerConfig
        {
            VocabSize = shape.VocabSize, Dim = shape.Dim, Depth = shape.Depth, Heads = shape.Heads, Dropout = shape.Dropout,
            MaxLength = shape.Length, Position = PositionKind.Rotary, Causal = true,
            Attention = new AttentionConfig { NumFeatures = shape.Features, Redraw = RedrawPolicy.EveryNSteps(1000), Seed = unchecked((long)s.Seed) },
        });
        var model = new PerformerLmSlices(lm);
        var source = new LmBatchSource(corpus.Train, corpus.PadId, s.Batch, shape.Length);
        var validation = LmBatchSource.Windows(corpus.Validation, corpus.PadId, s.Batch, shape.Length, ValidationBatches);
        var options = new TrainingOptions
        {
            Steps = s.Steps, LearningRate = s.LearningRate, WarmupSteps = s.Warmup, Seed = s.Seed, TimeLimit = s.TimeLimit,
            ValidateEvery = s.CheckpointEvery, CheckpointEvery = s.CheckpointEvery, CheckpointPath = checkpoint,
            MetricsPath = Path.Combine(s.OutputDir, "metrics.jsonl"), PlotPath = Path.Combine(s.OutputDir, "curve.png"),
        };
        BatchOutcome Loss(LmBatch b, bool training) => StepLoss(model, s.Memory, b, training);
        using var trainer = new Trainer<LmBatch>(lm, options, source, Loss, validation.Count > 0 ? () => validation : null,
            step => lm.OnTrainingStep(step), shape.ToJson());
        long startStep = s.Resume ? trainer.Resume(checkpoint).Step : 0;

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            var result = s.Json ? trainer.Run(null, cancel.Token) : RunWithProgress(trainer, s, startStep, cancel.Token);
            Report(s, shape, corpus, result, checkpoint);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        return 0;
    }

    /// <summary>One batch's loss; when training, SLiM fills the gradients and the trainer gets a stand-in that carries them.</summary>
    static BatchOutcome StepLoss(PerformerLmSlices model, MemoryMode memory, LmBatch b, bool training)
    {
        var tokens = torch.tensor(b.Tokens, dtype: ScalarType.Int64).reshape(b.Rows, b.Width);
        var padding = torch.tensor(b.Padding).reshape(b.Rows, b.Width);
        var batch = CausalLmBatch.FromSequences(tokens, padding);
        long inputs = b.Rows * (long)(b.Width - 1) - batch.KeyPaddingMask!.sum().item<long>();
        if (!training)
        {
            var e = SlimTraining.Evaluate(model, batch, memory);
            return new BatchOutcome(torch.tensor((float)e.Loss), e.Correct, e.TargetTokens, inputs);
        }
        var stats = SlimTraining.LossAndGradients(model, batch, memory);   // adds to .grad, zeroed by the trainer
        return new BatchOutcome(torch.tensor((float)stats.Loss), stats.Correct, stats.TargetTokens, inputs, GradientsFilled: true);
    }

    static LmModelSettings ResumedShape(string checkpoint)
    {
        if (!File.Exists(checkpoint))
            throw new CliUsageException($"--resume: {checkpoint} does not exist; train once without --resume (same --out) first.");
        return LmModelSettings.FromJson(CheckpointFile.ReadHeader(checkpoint).Config, checkpoint);
    }

    static TrainingResult RunWithProgress(Trainer<LmBatch> trainer, LmTrainSettings s, long startStep, CancellationToken cancel)
    {
        TrainingResult? result = null;
        AnsiConsole.MarkupLineInterpolated($"[grey]lm train:[/] memory {s.Memory}, {s.Data}, output {s.OutputDir}{(startStep > 0 ? $", resuming at step {startStep}" : "")}");
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("training", maxValue: s.Steps);
                task.Value = startStep;
                var progress = new SyncProgress<TrainingProgress>(p =>
                {
                    task.Value = p.Step;
                    var v = p.Validation is { } val ? $" val {val.Loss:F3}" : "";
                    task.Description = $"step {p.Step} loss {p.SmoothedLoss:F3}{v} {p.TokensPerSecond:F0} tok/s";
                });
                result = trainer.Run(progress, cancel);
            });
        return result!;
    }

    static void Report(LmTrainSettings s, LmModelSettings shape, LmCorpus corpus, TrainingResult r, string checkpoint)
    {
        var last = r.Validations.LastOrDefault();
        var summary = new Dictionary<string, object?>
        {
            ["memory"] = s.Memory.ToString(), ["tokens"] = corpus.Tokens.ToString().ToLowerInvariant(), ["startStep"] = r.StartStep,
            ["finalStep"] = r.FinalStep, ["finalTrainLoss"] = r.Losses.Count > 0 ? r.Losses[^1] : null,
            ["validationLoss"] = last?.Loss, ["validationPerplexity"] = last?.Perplexity, ["tokensPerSecond"] = Math.Round(r.TokensPerSecond, 1),
            ["elapsedSeconds"] = Math.Round(r.Elapsed.TotalSeconds, 1), ["stoppedEarly"] = r.StoppedEarly, ["checkpoint"] = checkpoint,
            ["model"] = shape,
        };
        if (s.Json) { Console.WriteLine(JsonSerializer.Serialize(summary)); return; }
        string early = r.StoppedEarly ? " (stopped early; --resume continues)" : "";
        double trainLoss = r.Losses.Count > 0 ? r.Losses[^1] : double.NaN;
        AnsiConsole.MarkupLineInterpolated($"steps {r.StartStep} → {r.FinalStep}{early}, train loss {trainLoss:F3}, validation loss {last?.Loss:F3} (perplexity {last?.Perplexity:F2}), {r.TokensPerSecond:F0} tokens/s");
        AnsiConsole.MarkupLineInterpolated($"checkpoint {checkpoint}; metrics and curve.png beside it");
    }
}
