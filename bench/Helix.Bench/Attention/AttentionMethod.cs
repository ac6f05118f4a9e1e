namespace Helix.Bench.Attention;

/// <summary>The attention implementations the benchmark compares, with their command-line names.</summary>
public enum AttentionMethod
{
    /// <summary>libtorch's exact scaled_dot_product_attention.</summary>
    Sdpa,
    /// <summary>Helix exact attention (ExactAttention.Forward).</summary>
    HelixExact,
    /// <summary>FAVOR+ bidirectional, fused and block by block (FavorFunctional.BidirectionalSoftmax).</summary>
    Favor,
    /// <summary>FAVOR+ bidirectional in two steps (features, then linear attention): the path before the fused one.</summary>
    FavorTwoStep,
    /// <summary>FAVOR+ causal, fused and block by block with a carried state (FavorFunctional.CausalSoftmax).</summary>
    FavorCausal,
    /// <summary>FAVOR+ causal in two steps (features, then chunked prefix sums with the custom backward): the path before the fused one.</summary>
    FavorCausalTwoStep,
    /// <summary>Exact causal attention (SDPA with is_causal).</summary>
    ExactCausal,
}

/// <summary>Names and flop counts of <see cref="AttentionMethod"/>s.</summary>
public static class AttentionMethods
{
    public static readonly AttentionMethod[] All = Enum.GetValues<AttentionMethod>();

    public static string Name(this AttentionMethod m) => m switch
    {
        AttentionMethod.Sdpa => "sdpa",
        AttentionMethod.HelixExact => "helix-exact",
        AttentionMethod.Favor => "favor",
        AttentionMethod.FavorTwoStep => "favor-twostep",
        AttentionMethod.FavorCausal => "favor-causal",
        AttentionMethod.FavorCausalTwoStep => "favor-causal-twostep",
        AttentionMethod.ExactCausal => "exact-causal",
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    public static AttentionMethod Parse(string name) =>
        All.FirstOrDefault(m => m.Name() == name, (AttentionMethod)(-1)) is var m && (int)m >= 0
            ? m
            : throw new ArgumentException($"unknown attention method '{name}'; expected one of {string.Join(", ", All.Select(x => x.Name()))}");

    /// <summary>
    /// Approximate flops of forward + backward for bidirectional FAVOR+ (backward ≈ 2× forward): feature maps of q and k
    /// (2·L·m·dh each), φ(K)ᵀV and φ(Q)(φ(K)ᵀV) (2·L·m·dh each) → 8·L·m·dh forward, 24·B·H·L·m·dh in all.
    /// </summary>
    public static double FavorFlops(long batch, long heads, long length, long features, long headDim) =>
        24.0 * batch * heads * length * features * headDim;
}
