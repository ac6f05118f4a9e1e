using System.Text.Json.Nodes;
using Helix.Proteins.Inference;
using Helix.Proteins.Jobs;
using Helix.Training;

namespace Helix.Proteins.Tests.Jobs;

/// <summary>The whole job on a small synthetic FASTA: report, files, and an exactly identical resume.</summary>
public sealed class ProteinTrainingJobTests : IDisposable
{
    readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    ProteinTrainingOptions Options(string data, string name, long steps) => new()
    {
        DataPath = data, QueryPath = data, OutputDirectory = Path.Combine(_dir.Path, name), Model = TinyProteins.Model(),
        GlobinPath = ProteinTrainingJob.NoQuery, ShuffleProteins = 3,
        BatchSize = 4, Split = new Helix.Proteins.Data.DatasetSplit(0.1, 0.1), ValidationProteins = 10,
        Training = new TrainingOptions { Steps = steps, LearningRate = 3e-3, WarmupSteps = 3, ValidateEvery = 4, CheckpointEvery = 3, Seed = 5 },
    };

    static double[] Losses(string metricsPath) =>
        MetricsLog.Read(metricsPath).Where(r => (string?)r["kind"] == "train").Select(r => (double)r["loss"]!).ToArray();

    [Fact]
    public void ResumedJobRepeatsTheLossesOfAnUninterruptedOne()
    {
        var data = _dir.Write("corpus.fasta", TinyProteins.Fasta(80, 1));
        var full = ProteinTrainingJob.Run(Options(data, "full", 14));
        Assert.Equal(14, full.Steps);
        Assert.True(File.Exists(full.CheckpointPath) && File.Exists(full.MetricsPath));
        // The query file (here the corpus itself; the globins are skipped), then its proteins that share no 10-mer
        // with the training split: the random proteins of the validation and test splits.
        Assert.Equal(new[] { "query", "query, no 10-mer in train" }, full.OtherSets.Select(s => s.Name));
        Assert.Equal(80 - full.TrainProteins, full.OtherSets[1].Proteins);
        Assert.NotNull(full.Test.Lookup);
        // With neighbours unmasked, the lookup finds the ±6 contexts of the query's training proteins, none of the random test proteins'.
        Assert.InRange(full.OtherSets[0].UnmaskedLookupCoverage!.Value, 0.6, 1.0);
        Assert.InRange(full.Test.UnmaskedLookupCoverage!.Value, 0, 0.05);
        Assert.NotNull(full.Usefulness);
        Assert.Equal(3, full.Usefulness!.Shuffles.Proteins);
        Assert.NotNull(full.Test.PaperStyle);
        Assert.Equal(14, Losses(full.MetricsPath).Length);

        var split = Options(data, "split", 14);
        var first = ProteinTrainingJob.Run(split with { Training = split.Training with { StopAfterStep = 7 } });
        Assert.Equal(7, first.Steps);
        var second = ProteinTrainingJob.Run(split with { Resume = true });
        Assert.Equal(14, second.Steps);
        Assert.Equal(Losses(full.MetricsPath), Losses(second.MetricsPath));   // bit-identical float32 losses
        Assert.Equal(full.Test.Model.Loss, second.Test.Model.Loss);

        // The checkpoint alone rebuilds the model for inference.
        using var lm = ProteinLanguageModel.Load(second.CheckpointPath);
        Assert.Equal(32, lm.Config.Dim);
        var run = ProteinRunConfig.Read(second.CheckpointPath);
        Assert.Equal(split.Model, run.Model);
        Assert.Equal(4, run.Data.BatchSize);
        Assert.Equal(split.Masking, run.Data.Masking);
        Assert.Equal(split.Split, run.Data.Split);
    }

    [Fact]
    public void ResumeWithoutACheckpointIsAUserError()
    {
        var data = _dir.Write("corpus.fasta", TinyProteins.Fasta(40, 2));
        var e = Assert.Throws<Helix.Core.InvalidOptionException>(() => ProteinTrainingJob.Run(Options(data, "none", 5) with { Resume = true }));
        Assert.Equal(nameof(ProteinTrainingOptions.Resume), e.Option);
        Assert.DoesNotContain("--", e.Message);
    }

    [Fact]
    public void TooSmallACorpusIsAUserError()
    {
        var data = _dir.Write("two.fasta", ">a\nMKV\n>b\nLLL\n");
        Assert.Throws<Helix.Core.InvalidInputException>(() => ProteinTrainingJob.Run(Options(data, "small", 5)));
    }
}
