namespace Helix.Attention;

/// <summary>
/// Which constant is subtracted inside exp() of a random feature map to avoid overflow. The constant cancels
/// between numerator and denominator when it is shared by all keys (sequence) or by one query's features (row).
/// </summary>
public enum FeatureStabilizer
{
    /// <summary>No shift (needed where features of different slices must share one scale, e.g. causal states).</summary>
    None,
    /// <summary>The maximum over each row's features: for queries.</summary>
    PerRow,
    /// <summary>One maximum over all non-padded keys and features of a (batch, head): for bidirectional keys.</summary>
    PerSequence,
}
