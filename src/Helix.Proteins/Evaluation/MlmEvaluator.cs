using Helix.Attention;
using Helix.Proteins.Batching;
using Helix.Proteins.Masking;
using Helix.Proteins.Model;
using Helix.Proteins.Tokenization;
using static TorchSharp.torch;

namespace Helix.Proteins.Evaluation;

/// <summary>
/// Scores a model, the unigram baseline and the lookup baselines (when given) on the same seeded positions of a held-out set. The headline scores hide
/// every scored residue (MASK in the input); the paper-style 80/10/10 scores on the same positions are kept apart.
/// </summary>
public static class MlmEvaluator
{
    /// <summary>
    /// Evaluates every residue window of <paramref name="set"/> (eval mode, no grad). <paramref name="masking"/>
    /// chooses the scored positions (its probability) and the paper-style input (its fractions).
    /// <paramref name="progress"/> receives the fraction done.
    /// </summary>
    public static EvaluationResult Evaluate(string name, PerformerLM model, TokenizedCorpus set, UnigramBaseline unigram,
        int rows, int length, MaskingOptions masking, ulong seed, bool concatenated = false, IProgress<double>? progress = null,
        bool paperStyle = true, LookupBaseline? context = null, LookupBaseline? lookup = null)
    {
        bool wasTraining = model.training;
        model.eval();
        try
        {
            return Evaluate(name, (t, p) => model.call(t, p), set, unigram, rows, length, masking, seed, concatenated, progress, paperStyle, context, lookup);
        }
        finally { model.train(wasTraining); }
    }

    /// <summary>The evaluation over any logits function (tokens [B, L], padding [B, L] or null → logits [B, L, V]).</summary>
    internal static EvaluationResult Evaluate(string name, Func<Tensor, Tensor?, Tensor> logits, TokenizedCorpus set, UnigramBaseline unigram,
        int rows, int length, MaskingOptions masking, ulong seed, bool concatenated, IProgress<double>? progress, bool paperStyle,
        LookupBaseline? context = null, LookupBaseline? lookup = null)
    {
        var batches = EvaluationBatches.Create(set, rows, length, masking, seed, concatenated);
        var hidden = new MlmTally();
        var mixed = new MlmTally();
        var baseline = new MlmTally();
        var contextTally = new MlmTally();
        var lookupTally = new LookupTally();
        using (no_grad())
        {
            for (int b = 0; b < batches.Count; b++)
            {
                var batch = batches[b];
                var hiddenBatch = EvaluationBatches.HideTargets(batch);
                AddModel(hidden, logits, hiddenBatch);
                context?.AddTo(contextTally, hiddenBatch);
                lookup?.AddTo(lookupTally, hiddenBatch);
                if (paperStyle) AddModel(mixed, logits, batch);
                unigram.AddTo(baseline, batch);
                progress?.Report((b + 1.0) / batches.Count);
            }
        }
        return new EvaluationResult(name, set.Count, set.ResidueCount, hidden.Score(), baseline.Score(), paperStyle ? mixed.Score() : null)
        {
            Context = context is null ? null : contextTally.Score(),
            Lookup = lookup is null ? null : lookupTally.Scores.Score(),
            LookupCoverage = lookup is null ? null : lookupTally.Coverage,
            UnmaskedLookupCoverage = lookup is null ? null : lookupTally.UnmaskedCoverage,
        };
    }

    // The model's scores on the scored positions of one batch (float64 log-probabilities, top-3 by the logits).
    static void AddModel(MlmTally tally, Func<Tensor, Tensor?, Tensor> logits, ProteinBatch batch)
    {
        using var scope = NewDisposeScope();
        var tokens = tensor(batch.Tokens, new long[] { batch.Rows, batch.Length });
        var padding = batch.Padding.Contains(true) ? tensor(batch.Padding, new long[] { batch.Rows, batch.Length }) : null;
        var labels = tensor(batch.Labels);
        var chosen = labels.ne(ProteinTokenizer.IgnoreLabel).nonzero().squeeze(1);
        if (chosen.shape[0] == 0) return;
        var picked = logits(tokens, padding).reshape(-1, ProteinTokenizer.VocabSize).index_select(0, chosen).to(ScalarType.Float64);
        var truth = labels.index_select(0, chosen);
        double nll = -picked.log_softmax(1).gather(1, truth.unsqueeze(1)).sum().item<double>();
        var top3 = picked.topk(3, 1).indexes;
        tally.Add(nll, top3.select(1, 0).eq(truth).sum().item<long>(), top3.eq(truth.unsqueeze(1)).any(1).sum().item<long>(), chosen.shape[0]);
    }
}
