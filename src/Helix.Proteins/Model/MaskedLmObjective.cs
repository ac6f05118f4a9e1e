using Helix.Attention;
using Helix.Proteins.Batching;
using Helix.Proteins.Tokenization;
using Helix.Training;
using static TorchSharp.torch;

namespace Helix.Proteins.Model;

/// <summary>The masked-LM loss: cross-entropy at the chosen positions only, with their accuracy.</summary>
public static class MaskedLmObjective
{
    /// <summary>
    /// Loss and counts of <paramref name="model"/> on <paramref name="batch"/> (a <see cref="BatchLoss{TBatch}"/>).
    /// In training, a model with a context embedding adds <paramref name="contextLossWeight"/> × the cross-entropy
    /// of predicting every residue of the batch from its context embedding alone (which never reads the residue).
    /// </summary>
    public static BatchResult Loss(PerformerLM model, ProteinBatch batch, bool training, double contextLossWeight = 0)
    {
        var logits = Logits(model, batch);
        var labels = tensor(batch.Labels);
        var chosen = labels.ne(ProteinTokenizer.IgnoreLabel).nonzero().squeeze(1);
        long targets = chosen.shape[0];
        if (targets == 0) return new BatchResult(logits.sum() * 0, 0, 0, batch.RealTokens);
        var picked = logits.view(-1, ProteinTokenizer.VocabSize).index_select(0, chosen);
        var truth = labels.index_select(0, chosen);
        var loss = nn.functional.cross_entropy(picked, truth);
        long correct = picked.argmax(1).eq(truth).sum().item<long>();
        if (training && contextLossWeight > 0 && ContextLoss(model, batch) is { } context) loss = loss + context * contextLossWeight;
        return new BatchResult(loss, correct, targets, batch.RealTokens);
    }

    // Why: the masked-LM loss reaches the context tables only at the ~15 % masked positions, so their rows (one per
    // window of neighbours) see few examples in minutes; the neighbours predict every residue, so this trains them
    // at every position, like the counts of a lookup table. The target is the original residue (the label where one
    // was chosen, else the input token).
    static Tensor? ContextLoss(PerformerLM model, ProteinBatch batch)
    {
        var tokens = tensor(batch.Tokens, new long[] { batch.Rows, batch.Length });
        using var padding = batch.Padding.Contains(true) ? tensor(batch.Padding, new long[] { batch.Rows, batch.Length }) : null;
        var context = model.ContextEmbedding(tokens, padding);
        if (context is null) return null;
        var labels = tensor(batch.Labels, new long[] { batch.Rows, batch.Length });
        var original = where(labels.ne(ProteinTokenizer.IgnoreLabel), labels, tokens).view(-1);
        var residues = original.ge(ProteinTokenizer.FirstResidue).nonzero().squeeze(1);
        if (residues.shape[0] == 0) return null;
        var logits = model.Head(context).view(-1, ProteinTokenizer.VocabSize).index_select(0, residues);
        return nn.functional.cross_entropy(logits, original.index_select(0, residues));
    }

    /// <summary>Logits [B, L, V] of a batch; passes no padding mask when the batch has no padding.</summary>
    public static Tensor Logits(PerformerLM model, ProteinBatch batch)
    {
        var tokens = tensor(batch.Tokens, new long[] { batch.Rows, batch.Length });
        using var padding = batch.Padding.Contains(true) ? tensor(batch.Padding, new long[] { batch.Rows, batch.Length }) : null;
        return model.call(tokens, padding);
    }
}
