namespace Helix.Attention;

/// <summary>
/// Which constant is subtracted inside exp() of a random feature map to avoid overflow. The constant cancels
/// between numerator and denominator when it is shared by all keys (sequence) or by one query's features (row).
/// </summary>
public enum FeatureStabilizer
{
    /// <summary>
    /// No data-dependent shift, for features that different slices must share at one scale (causal keys and states).
    /// Positive features subtract a constant from the projection alone that keeps exponents ≤ 60; trigonometric
    /// features clamp their exp(|x|²/2) factor at exp(60).
    /// </summary>
    None,
    /// <summary>The maximum over each row's features: for queries.</summary>
    PerRow,
    /// <summary>One maximum over all non-padded keys and features of a (batch, head): for bidirectional keys.</summary>
    PerSequence,
}
