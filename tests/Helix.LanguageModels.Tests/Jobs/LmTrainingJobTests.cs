using Helix.Attention.Slim;
using Helix.Core;
using Helix.LanguageModels.Jobs;
using Helix.Training;

namespace Helix.LanguageModels.Tests.Jobs;

/// <summary>Short runs of the whole job on a tiny model: the loss falls, a split run repeats an uninterrupted one,
/// and full and chunked SLiM give the same losses.</summary>
public sealed class LmTrainingJobTests : IDisposable
{
    readonly TinyCorpus _files = new();

    public void Dispose() => _files.Dispose();

    LmTrainingOptions Options(string data, string name, long steps) => new()
    {
        DataPath = data, OutputDirectory = Path.Combine(_files.Folder, name), BatchSize = 4, ValidationBatches = 2,
        Model = new LmModelConfig { Dim = 16, Depth = 1, Heads = 2, Features = 8, Length = 24, Dropout = 0 },
        Training = new TrainingOptions { Steps = steps, LearningRate = 1e-2, WarmupSteps = 2, ValidateEvery = 5, CheckpointEvery = 3, Seed = 3 },
    };

    [Fact]
    public void TheLossFallsAndTheRunWritesItsFiles()
    {
        var options = Options(_files.Text(), "learn", 25);
        var r = LmTrainingJob.Run(options);
        Assert.Equal(25, r.FinalStep);
        Assert.Equal(25, r.Losses.Count);
        double first = r.Losses.Take(3).Average(), last = r.Losses.TakeLast(3).Average();
        Assert.True(last < first - 1, $"loss {first:F3} → {last:F3}");   // from ln 257 ≈ 5.5 towards the few letters used
        Assert.True(r.ValidationLoss < 4.5, $"validation loss {r.ValidationLoss}");
        Assert.True(File.Exists(options.CheckpointPath) && File.Exists(options.MetricsPath) && File.Exists(options.ReportPath));
    }

    [Fact]
    public void ASplitRunRepeatsTheUninterruptedLossesExactly()
    {
        var data = _files.Fasta();
        var full = LmTrainingJob.Run(Options(data, "full", 10));
        var split = Options(data, "split", 10);
        var first = LmTrainingJob.Run(split with { Training = split.Training with { StopAfterStep = 4 } });
        Assert.True(first.StoppedEarly);
        var second = LmTrainingJob.Run(split with { Resume = true, Memory = MemoryMode.Chunked(8) });
        Assert.Equal(4, second.StartStep);
        var joined = first.Losses.Concat(second.Losses).ToArray();
        Assert.Equal(full.Losses.Count, joined.Length);
        // Full then chunked after the resume: the same numbers up to float32 summation order.
        for (int i = 0; i < joined.Length; i++) Assert.Equal(full.Losses[i], joined[i], 1e-4);
        Assert.Equal(full.Losses.Take(4), first.Losses);   // before the resume: bit for bit
    }

    [Fact]
    public void ASplitRunInOneMemoryModeIsBitForBit()
    {
        var data = _files.Text();
        var full = LmTrainingJob.Run(Options(data, "full", 8));
        var split = Options(data, "split", 8);
        LmTrainingJob.Run(split with { Training = split.Training with { StopAfterStep = 5 } });
        var second = LmTrainingJob.Run(split with { Resume = true });
        Assert.Equal(full.Losses.Skip(5), second.Losses);
    }

    [Fact]
    public void FullAndChunkedSlimGiveTheSameLosses()
    {
        var data = _files.Text();
        var full = LmTrainingJob.Run(Options(data, "full", 6));
        var chunked = LmTrainingJob.Run(Options(data, "chunked", 6) with { Memory = MemoryMode.Chunked(5) });
        for (int i = 0; i < 6; i++) Assert.Equal(full.Losses[i], chunked.Losses[i], 1e-4);
        Assert.Equal(full.ValidationLoss!.Value, chunked.ValidationLoss!.Value, 1e-4);
    }

    [Fact]
    public void RunErrorsNameOptionsNotFlags()
    {
        var data = _files.Text();
        var options = Options(data, "errors", 2);
        var missing = Assert.Throws<FileNotFoundException>(() => LmTrainingJob.Run(options with { Resume = true }));
        Assert.DoesNotContain("--", missing.Message);
        LmTrainingJob.Run(options);
        Assert.Equal(nameof(LmTrainingOptions.Resume), Assert.Throws<InvalidOptionException>(() => LmTrainingJob.Run(options)).Option);
        Assert.Equal(nameof(TrainingOptions.Steps), Assert.Throws<InvalidOptionException>(() => LmTrainingJob.Run(options with { Resume = true })).Option);
        Assert.Equal(nameof(LmModelConfig.Heads), Assert.Throws<InvalidOptionException>(
            () => LmTrainingJob.Run(options with { Model = options.Model with { Heads = 3 } })).Option);
    }

    [Fact]
    public void CancellationCheckpointsAndThrows()
    {
        var options = Options(_files.Text(), "cancel", 50);
        using var cancel = new CancellationTokenSource();
        var progress = new SyncProgress<TrainingProgress>(p => { if (p.Step == 3) cancel.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => LmTrainingJob.Run(options, progress, cancel.Token));
        Assert.Equal(3, CheckpointFile.ReadHeader(options.CheckpointPath).Step);
    }
}
