using System.Text.Json.Nodes;
using Helix.Core;
using Helix.Plots;

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
    };

    string PlotPath(TrainingOptions o) => Path.ChangeExtension(o.MetricsPath!, ".png");

    TrainingResult Train(TrainingOptions options, string? resumeFrom = null, int points = 40, ITrainingObserver? observer = null)
    {
        var source = new SyntheticSource(points, 3);
        var validation = new SyntheticSource(24, 4);
        TorchSharp.torch.random.manual_seed(11);   // weight initialisation is the caller's to seed
        using var model = new TinyClassifier();
        using var trainer = new Trainer<Batch>(model, options, source, (b, t) => TinyClassifier.Loss(model, b, t),
            validation.All, config: new JsonObject { ["hidden"] = 16 });
        trainer.Use(new TrainingCurvesWriter(options.MetricsPath!, PlotPath(options)));
        if (observer != null) trainer.Use(observer);
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
        Assert.True(new FileInfo(PlotPath(split)).Length > 1000);
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
        var e = Assert.Throws<InvalidOptionException>(() => Train(o, o.CheckpointPath));
        Assert.Equal(nameof(TrainingOptions.Steps), e.Option);
        Assert.Contains("step 4", e.Message);
    }

    [Fact]
    public void ObserversSeeEveryStepEachValidationAndTheEndInOrder()
    {
        var seen = new RecordingObserver();
        var r = Train(Options("observed") with { Steps = 12, ValidateEvery = 5, CheckpointEvery = 0 }, observer: seen);
        var expected = new List<string>();
        for (int i = 1; i <= 12; i++)
        {
            expected.Add($"step {i}");
            if (i % 5 == 0) expected.Add($"validation {i}");   // right after its step, before the next
        }
        expected.AddRange(["validation 12", "end 12 False"]);   // the final validation comes before the end
        Assert.Equal(expected, seen.Events);
        Assert.Equal(r.Losses, seen.Losses);
        Assert.Equal([5L, 10, 12], r.Validations.Select(v => v.Step));
        Assert.True(File.Exists(Path.Combine(_dir, "observed.ckpt")));   // the end checkpoint, with CheckpointEvery 0
    }

    [Fact]
    public void BadOptionsNameTheProperty()
    {
        Assert.Equal(nameof(TrainingOptions.Steps), Assert.Throws<InvalidOptionException>(() => new TrainingOptions { Steps = 0 }.Validate()).Option);
        Assert.Equal(nameof(TrainingOptions.Beta2), Assert.Throws<InvalidOptionException>(() => new TrainingOptions { Beta2 = 1 }.Validate()).Option);
        Assert.Equal(nameof(TrainingOptions.LearningRate), Assert.Throws<InvalidOptionException>(() => new TrainingOptions { LearningRate = double.NaN }.Validate()).Option);
        var ok = new TrainingOptions();
        Assert.Same(ok, ok.Validate());
    }

    sealed class RecordingObserver : ITrainingObserver
    {
        public List<string> Events { get; } = new();
        public List<double> Losses { get; } = new();
        public void OnStep(TrainingStepResult step) { Events.Add($"step {step.Step}"); Losses.Add(step.Loss); }
        public void OnValidation(ValidationResult validation) => Events.Add($"validation {validation.Step}");
        public void OnRunEnded(long finalStep, bool stoppedEarly) => Events.Add($"end {finalStep} {stoppedEarly}");
    }
}
