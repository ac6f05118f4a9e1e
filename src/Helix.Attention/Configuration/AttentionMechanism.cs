namespace Helix.Attention;

/// <summary>Which attention a <see cref="MultiheadAttention"/> computes; all share the same weights.</summary>
public enum AttentionMechanism
{
    /// <summary>Exact softmax attention (libtorch scaled_dot_product_attention), O(L²).</summary>
    Exact,
    /// <summary>FAVOR+: random-feature estimate of softmax attention, O(L·m·d).</summary>
    Favor,
    /// <summary>Linear attention with a generalized kernel (ReLU, ELU+1 or a user function).</summary>
    Generalized,
}
