using Helix.Attention.Slim;
using Helix.Core;
using Helix.LanguageModels.Data;
using Helix.LanguageModels.Jobs;
using Helix.Training;

namespace Helix.LanguageModels.Tests.Jobs;

/// <summary>LmTrainingOptions as a fixtype in reject mode with a <c>required</c> data path and defaults that are not
/// constants: the defaults it had as a hand-written record, bad fields rejected on assignment naming the property (the
/// CLI maps it to a flag), and what only Validate can check.</summary>
public sealed class LmTrainingOptionsTests
{
    [Fact]
    public void DefaultsAreThoseOfTheHandWrittenRecord()
    {
        var o = new LmTrainingOptions { DataPath = "corpus.txt" };
        Assert.Equal(("corpus.txt", LmTokens.Auto, MemoryMode.Full, 8, 4, Path.Combine("runs", "lm"), false),
            (o.DataPath, o.Tokens, o.Memory, o.BatchSize, o.ValidationBatches, o.OutputDirectory, o.Resume));
        Assert.Same(LmModelConfig.Default, o.Model);
        Assert.Equal(new TrainingOptions { Steps = 500, LearningRate = 1e-3, WarmupSteps = 50, ValidateEvery = 100, CheckpointEvery = 100 }, o.Training);
        Assert.Equal(Path.Combine("runs", "lm", "model.ckpt"), o.CheckpointPath);
        Assert.Same(o, o.Validate());
        Assert.True(LmTrainingOptions.IsValid(o));
    }

    [Fact]
    public void BadFieldsAreRejectedOnAssignmentNamingTheProperty()
    {
        var o = new LmTrainingOptions { DataPath = "corpus.txt" };
        var e = Assert.Throws<InvalidOptionException>(() => o with { BatchSize = 0 });
        Assert.Equal((nameof(LmTrainingOptions.BatchSize), "must be at least 1, got 0"), (e.Option, e.Reason));
        Assert.Equal(nameof(LmTrainingOptions.ValidationBatches), Assert.Throws<InvalidOptionException>(() => o with { ValidationBatches = -1 }).Option);
        var t = Assert.Throws<InvalidOptionException>(() => o with { Tokens = (LmTokens)7 });
        Assert.Equal(nameof(LmTrainingOptions.Tokens), t.Option);
        Assert.StartsWith("must be one of Auto, Bytes, Amino", t.Reason);
        Assert.Equal(nameof(LmTrainingOptions.Model), Assert.Throws<InvalidOptionException>(() => o with { Model = null! }).Option);
    }

    [Fact]
    public void ValidateChecksWhatNoFixingCanSupplyAndTheNestedOptions()
    {
        var o = new LmTrainingOptions { DataPath = " " };
        var e = Assert.Throws<InvalidOptionException>(() => o.Validate());
        Assert.Equal((nameof(LmTrainingOptions.DataPath), "give a text or FASTA file"), (e.Option, e.Reason));
        Assert.Equal(nameof(LmTrainingOptions.OutputDirectory),
            Assert.Throws<InvalidOptionException>(() => (o with { DataPath = "a.txt", OutputDirectory = "" }).Validate()).Option);
        // A model whose heads do not divide its width is accepted on assignment (each field is valid) and reported by
        // Validate under the model's own property, which the CLI maps to --heads.
        var bad = o with { DataPath = "a.txt", Model = LmModelConfig.Default with { Heads = 3 } };
        Assert.Equal(nameof(LmModelConfig.Heads), Assert.Throws<InvalidOptionException>(() => bad.Validate()).Option);
        Assert.False(LmTrainingOptions.IsValid(bad));
    }
}
