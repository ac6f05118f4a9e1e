using Helix.Core;
using Helix.Attention;
using Helix.Proteins.Batching;
using Helix.Proteins.Data;
using Helix.Proteins.Evaluation;
using Helix.Proteins.Masking;
using Helix.Proteins.Model;
using Helix.Proteins.Tokenization;
using Helix.Training;
using static TorchSharp.torch;

namespace Helix.Proteins.Tests.Model;

/// <summary>A tiny model memorises a handful of proteins: its masked accuracy must rise far above the unigram baseline.</summary>
public class OverfitTests
{
    static readonly string[] Handful =
    {
        "MKTAYIAKQRQISFVKSHFSRQ", "GSHMLEDPVDAFQACCDEWYKL", "MNPQRSTVWYACDEFGHIKLMN", "WWHHCCMMYYFFPPGGAASSTT",
    };

    [Theory]
    [InlineData(AttentionMechanism.Favor)]
    [InlineData(AttentionMechanism.Exact)]
    public void TinyModelOverfitsAHandfulOfSequences(AttentionMechanism mechanism)
    {
        var corpus = TokenizedCorpus.Build(Handful.Select((s, i) => new ProteinRecord($"p{i}", "", s, "test", i)));
        var masking = new MaskingOptions(0.25);
        random.manual_seed(3);
        var config = TinyProteins.Model(mechanism) with { Dim = 64, Heads = 4, Depth = 2, Dropout = 0.0 };
        using var model = ProteinModelFactory.Create(config);
        var options = new TrainingOptions { Steps = 150, LearningRate = 5e-3, WarmupSteps = 10, ValidateEvery = 0, CheckpointEvery = 0, Seed = 3 };
        using var trainer = new Trainer<ProteinBatch>(model, options, new CroppedBatchSource(corpus, 8, 32, masking),
            (b, t) => MaskedLmObjective.Loss(model, b, t), afterStep: model.OnTrainingStep);
        trainer.Run();

        var report = MlmEvaluator.Evaluate("train", model, corpus, new UnigramBaseline(corpus), 8, 32, masking, seed: 11);
        Assert.True(report.Model.Targets > 10);
        // Honest metric: every scored residue is hidden, so the model must recall it from the rest of the memorised sequence.
        Assert.True(report.Model.Accuracy > 0.35 && report.Model.Accuracy > 3 * report.Unigram.Accuracy,
            $"{mechanism}: accuracy {report.Model.Accuracy:P1} vs unigram {report.Unigram.Accuracy:P1}");
        Assert.True(report.Model.Perplexity < 0.6 * report.Unigram.Perplexity, $"perplexity {report.Model.Perplexity:F2} vs {report.Unigram.Perplexity:F2}");
        Assert.NotNull(report.PaperStyle);
    }

    [Fact]
    public void InitialLossIsNearUniform()
    {
        // ln(30) ≈ 3.40: small embeddings keep the tied head's first logits near zero.
        random.manual_seed(1);
        using var model = ProteinModelFactory.Create(TinyProteins.Model());
        var corpus = TokenizedCorpus.Build(Handful.Select((s, i) => new ProteinRecord($"p{i}", "", s, "test", i)));
        var batch = new CroppedBatchSource(corpus, 4, 32, new MaskingOptions()).Next(new SplitMix64(1));
        using var scope = NewDisposeScope();
        var loss = MaskedLmObjective.Loss(model, batch, false).Loss.item<float>();
        Assert.InRange(loss, 3.0, 3.8);
    }
}
