using System.Text;
using Helix.Attention;
using Helix.Core;
using Helix.Proteins.Batching;
using Helix.Proteins.Data;
using Helix.Proteins.Evaluation;
using Helix.Proteins.Inference;
using Helix.Proteins.Masking;
using Helix.Proteins.Model;
using Helix.Proteins.Tokenization;
using Helix.Training;
using static TorchSharp.torch;

namespace Helix.Proteins.Tests.Evaluation;

/// <summary>
/// A corpus where context is everything: each protein is six blocks of five residues, each block one of four motifs
/// that together use all 20 amino acids once. The frequencies are uniform (unigram accuracy 5 %), but a hidden residue
/// follows from any visible residue of its block. A small model must learn that under the honest metric.
/// </summary>
public class ContextLearningTests
{
    static readonly string[] Motifs = { "ACDEF", "GHIKL", "MNPQR", "STVWY" };

    static List<ProteinRecord> MotifProteins(int count, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var list = new List<ProteinRecord>();
        for (int i = 0; i < count; i++)
        {
            var sb = new StringBuilder();
            for (int b = 0; b < 6; b++) sb.Append(Motifs[rng.NextInt(Motifs.Length)]);
            list.Add(new ProteinRecord($"m{seed}_{i}", "", sb.ToString(), "motifs", i));
        }
        return list;
    }

    [Theory]
    [InlineData(AttentionMechanism.Generalized, PositionKind.Rotary)]
    [InlineData(AttentionMechanism.Favor, PositionKind.Learned)]
    [InlineData(AttentionMechanism.Generalized, PositionKind.Rotary, 4096)]
    public void ASmallModelLearnsContextFarBeyondUnigram(AttentionMechanism mechanism, PositionKind position, int contextNgram = 0)
    {
        var train = TokenizedCorpus.Build(MotifProteins(400, 1));
        var test = TokenizedCorpus.Build(MotifProteins(60, 2));
        var masking = new MaskingOptions();
        random.manual_seed(7);
        var config = TinyProteins.Model(mechanism) with { Dim = 48, Heads = 4, Depth = 2, Dropout = 0, Position = position, RedrawEvery = 0, ContextNgramBuckets = contextNgram };
        using var model = ProteinModelFactory.Create(config);
        var options = new TrainingOptions { Steps = 200, LearningRate = 3e-3, WarmupSteps = 20, ValidateEvery = 0, CheckpointEvery = 0, Seed = 7 };
        using var trainer = new Trainer<ProteinBatch>(model, options, new CroppedBatchSource(train, 16, 32, masking),
            (b, t) => MaskedLmObjective.Loss(model, b, t, contextNgram > 0 ? 1 : 0), afterStep: model.OnTrainingStep);
        trainer.Run();

        var r = MlmEvaluator.Evaluate("motifs", model, test, new UnigramBaseline(train), 16, 32, masking, seed: 3);
        Assert.InRange(r.Unigram.Accuracy, 0.02, 0.09);
        Assert.True(r.Model.Accuracy > 0.3 && r.AccuracyRatio > 5, $"{mechanism}/{position}: honest accuracy {r.Model.Accuracy:P1} vs unigram {r.Unigram.Accuracy:P1}");
        Assert.True(r.PerplexityRatio < 0.6, $"perplexity {r.Model.Perplexity:F2} vs unigram {r.Unigram.Perplexity:F2}");

        // Real motif proteins beat shuffles of themselves (a unigram model could not tell them apart).
        Console.WriteLine($"{mechanism}/{position}: honest accuracy {r.Model.Accuracy:P1} (unigram {r.Unigram.Accuracy:P1}), perplexity {r.Model.Perplexity:F2} ({r.Unigram.Perplexity:F2})");
        var lm = ProteinLanguageModel.From(model, config);
        var ranking = ShuffleRanking.Run(lm, test, 30, 6, 7, seed: 4);
        Assert.True(ranking.BeatsAll > 0.8, $"real beats all shuffles for {ranking.BeatsAll:P0}");
    }
}
