using System.Text.Json.Nodes;

namespace Helix.Training.Tests;

/// <summary>A run split by a checkpoint must reproduce the uninterrupted run's losses bit for bit.</summary>
public sealed class TrainerResumeTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("helix-training-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    TrainingOptions Options(string name) => new()
    {
        Steps = 24, WarmupSteps = 4, LearningRate = 5e-3, Seed = 7, ValidateEvery = 5, CheckpointEvery = 4,
        CheckpointPath = Path.Combine(_dir, name + ".ckpt"), MetricsPath = Path.Combine(_dir, name + ".jsonl"),
        PlotPath = Path.Combine(_dir, name + ".png"),
    };

    static TrainingResult Train(TrainingOptions options, string? resumeFrom = null, int points = 40)
    {
        var source = new SyntheticSource(points, 3);
        var validation = new SyntheticSource(24, 4);
        TorchSharp.torch.random.manual_seed(11);   // weight initialisation is the caller's to seed
        using var model = new TinyClassifier();
        using var trainer = new Trainer<Batch>(model, options, source, (b, t) => TinyClassifier.Loss(model, b, t),
            validation.All, config: new JsonObject { ["hidden"] = 16 });
        if (resumeFrom != null) trainer.Resume(resumeFrom);
        return trainer.Run();
    }

    [Fact]
    public void ResumedRunRepeatsTheUninterruptedLossesExactly()
    {
        var full = Train(Options("full"));
        Assert.Equal(24, full.Losses.Count);

        var split = Options("split");
        var first = Train(split with { StopAfterStep = 10 });
        Assert.True(first.StoppedEarly);
        Assert.Equal(10, first.FinalStep);
        var second = Train(split, resumeFrom: split.CheckpointPath);
        Assert.Equal(10, second.StartStep);

        var joined = first.Losses.Concat(second.Losses).ToArray();
        Assert.Equal(full.Losses.ToArray(), joined);   // exact equality of float32 losses (as doubles)
        Assert.Equal(full.Validations.Last().Loss, second.Validations.Last().Loss);

        // The split run's log holds each step once, like the uninterrupted one.
        var steps = MetricsLog.Read(split.MetricsPath!).Where(r => (string?)r["kind"] == "train").Select(r => (long)r["step"]!).ToArray();
        Assert.Equal(Enumerable.Range(1, 24).Select(i => (long)i), steps);
        Assert.True(new FileInfo(split.PlotPath!).Length > 1000);
    }

    [Fact]
    public void ADifferentSeedGivesDifferentLosses()
    {
        var a = Train(Options("a") with { Steps = 6 });
        var b = Train(Options("b") with { Steps = 6, Seed = 8 });
        Assert.NotEqual(a.Losses.ToArray(), b.Losses.ToArray());
    }

    [Fact]
    public void TrainingLearnsTheSyntheticTask()
    {
        var r = Train(Options("learn") with { Steps = 150, LearningRate = 2e-2, ValidateEvery = 0, CheckpointPath = null }, points: 300);
        Assert.True(r.Validations.Last().Accuracy > 0.7, $"validation accuracy {r.Validations.Last().Accuracy}");
    }

    [Fact]
    public void ResumingPastTheEndIsAUserError()
    {
        var o = Options("end") with { Steps = 4 };
        Train(o);
        var e = Assert.Throws<ArgumentException>(() => Train(o, o.CheckpointPath));
        Assert.Contains("step 4", e.Message);
    }
}
