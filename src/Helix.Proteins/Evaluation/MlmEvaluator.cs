using Helix.Attention;
using Helix.Proteins.Batching;
using Helix.Proteins.Masking;
using Helix.Proteins.Model;
using Helix.Proteins.Tokenization;
using static TorchSharp.torch;

namespace Helix.Proteins.Evaluation;

/// <summary>Scores a model and the unigram baseline on the same seeded masks of a held-out set.</summary>
public static class MlmEvaluator
{
    /// <summary>
    /// Evaluates every residue window of <paramref name="set"/> (eval mode, no grad). <paramref name="progress"/>
    /// receives the fraction done.
    /// </summary>
    public static EvaluationReport Evaluate(string name, PerformerLM model, TokenizedCorpus set, UnigramBaseline unigram,
        int rows, int length, MaskingOptions masking, ulong seed, bool concatenated = false, IProgress<double>? progress = null)
    {
        var batches = EvaluationBatches.Create(set, rows, length, masking, seed, concatenated);
        bool wasTraining = model.training;
        model.eval();
        double modelNll = 0, unigramNll = 0;
        long modelCorrect = 0, unigramCorrect = 0, targets = 0;
        using (no_grad())
        {
            for (int b = 0; b < batches.Count; b++)
            {
                using var scope = NewDisposeScope();
                var o = MaskedLmObjective.Loss(model, batches[b], training: false);
                modelNll += o.Loss.item<float>() * (double)o.Targets;
                modelCorrect += o.Correct;
                targets += o.Targets;
                foreach (var label in batches[b].Labels)
                {
                    if (label == ProteinTokenizer.IgnoreLabel) continue;
                    unigramNll -= unigram.LogProbability(label);
                    if (label == unigram.MostFrequent) unigramCorrect++;
                }
                progress?.Report((b + 1.0) / batches.Count);
            }
        }
        model.train(wasTraining);
        double n = Math.Max(1, targets);
        return new EvaluationReport(name, set.Count, set.ResidueCount,
            new MlmScore(modelCorrect / n, modelNll / n, targets), new MlmScore(unigramCorrect / n, unigramNll / n, targets));
    }
}
