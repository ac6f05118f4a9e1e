using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Slim;

/// <summary>Next-token cross-entropy summed over the target tokens of a (slice of a) batch, divided by a fixed count.</summary>
public static class CausalLmLoss
{
    /// <summary>Σ CE(logits, targets) over targets ≠ ignore index, divided by <paramref name="normalizer"/> (the batch's target count), so slices' losses add up to the batch mean.</summary>
    public static Tensor SumOver(Tensor logits, Tensor targets, long normalizer)
    {
        long v = logits.shape[^1];
        var sum = nn.functional.cross_entropy(logits.reshape(-1, v), targets.reshape(-1),
            ignore_index: CausalLmBatch.IgnoreIndex, reduction: nn.Reduction.Sum);
        return sum / (double)normalizer;
    }

    /// <summary>Targets (≠ ignore index) that the logits' most likely token gets right.</summary>
    public static long Correct(Tensor logits, Tensor targets)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return logits.argmax(-1).eq(targets).sum().item<long>();
    }
}
