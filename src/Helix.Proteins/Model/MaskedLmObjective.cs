using Helix.Attention;
using Helix.Proteins.Batching;
using Helix.Proteins.Tokenization;
using Helix.Training;
using static TorchSharp.torch;

namespace Helix.Proteins.Model;

/// <summary>The masked-LM loss: cross-entropy at the chosen positions only, with their accuracy.</summary>
public static class MaskedLmObjective
{
    /// <summary>Loss and counts of <paramref name="model"/> on <paramref name="batch"/> (a <see cref="BatchLoss{TBatch}"/>).</summary>
    public static BatchResult Loss(PerformerLM model, ProteinBatch batch, bool training)
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
        return new BatchResult(loss, correct, targets, batch.RealTokens);
    }

    /// <summary>Logits [B, L, V] of a batch; passes no padding mask when the batch has no padding.</summary>
    public static Tensor Logits(PerformerLM model, ProteinBatch batch)
    {
        var tokens = tensor(batch.Tokens, new long[] { batch.Rows, batch.Length });
        using var padding = batch.Padding.Contains(true) ? tensor(batch.Padding, new long[] { batch.Rows, batch.Length }) : null;
        return model.call(tokens, padding);
    }
}
