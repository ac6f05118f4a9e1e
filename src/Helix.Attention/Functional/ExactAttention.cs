using Helix.Torch;
using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>Exact softmax attention through libtorch's scaled_dot_product_attention (so Helix exact equals SDPA).</summary>
public static class ExactAttention
{
    /// <summary>
    /// softmax(q kᵀ/√dh + mask) v for q [B, H, Lq, dh], k, v [B, H, Lk, dh]; <paramref name="keyPaddingMask"/> bool
    /// [B, Lk] with true = padding; <paramref name="causal"/> masks keys after the query (Lq must equal Lk).
    /// A query row with every key masked yields zeros.
    /// </summary>
    public static Tensor Forward(Tensor q, Tensor k, Tensor v, Tensor? keyPaddingMask, bool causal)
    {
        TensorGuard.Rank(q, 4, nameof(q), "[B, H, Lq, dh]");
        TensorGuard.Rank(k, 4, nameof(k), "[B, H, Lk, dh]");
        TensorGuard.Rank(v, 4, nameof(v), "[B, H, Lk, dh]");
        TensorGuard.PaddingMask(keyPaddingMask, k.shape[0], k.shape[2]);
        if (causal && q.shape[2] != k.shape[2])
            throw new ArgumentException($"causal attention needs as many keys as queries: {q.shape[2]} vs {k.shape[2]}", nameof(k));
        if (keyPaddingMask is null) return nn.functional.scaled_dot_product_attention(q, k, v, is_casual: causal);

        using var scope = NewDisposeScope();
        var allowed = keyPaddingMask.logical_not().unsqueeze(1).unsqueeze(1);          // [B, 1, 1, Lk]
        if (causal) allowed = allowed.logical_and(ones(q.shape[2], k.shape[2], dtype: ScalarType.Bool, device: q.device).tril());
        var output = nn.functional.scaled_dot_product_attention(q, k, v, allowed);
        // Rows with no allowed key come back as NaN from the softmax; define them as zero.
        var anyAllowed = allowed.any(-1, keepdim: true);
        return where(anyAllowed, output, zeros_like(output)).MoveToOuterDisposeScope();
    }
}
