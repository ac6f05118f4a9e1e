using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>How one attention module computes attention. Immutable; change with <c>with</c>.</summary>
public sealed record AttentionConfig
{
    /// <summary>Exact softmax, FAVOR+ or a generalized kernel.</summary>
    public AttentionMechanism Mechanism { get; init; } = AttentionMechanism.Favor;
    /// <summary>Number of random features m (for trigonometric and hyperbolic maps, φ has 2m entries).</summary>
    public int NumFeatures { get; init; } = 256;
    /// <summary>The feature map: a softmax-kernel estimator for <see cref="AttentionMechanism.Favor"/>, a generalized kernel otherwise.</summary>
    public FeatureMapKind FeatureMap { get; init; } = FeatureMapKind.SoftmaxPositive;
    /// <summary>The elementwise feature function for <see cref="FeatureMapKind.Custom"/>; it must keep features non-negative.</summary>
    public Func<Tensor, Tensor>? CustomFeature { get; init; }
    /// <summary>Whether a generalized kernel is applied to a random projection of the data (true) or to the data itself.</summary>
    public bool UseProjectionForGeneralized { get; init; } = true;
    /// <summary>Gaussian or block-orthogonal projection rows.</summary>
    public ProjectionKind Projection { get; init; } = ProjectionKind.Orthogonal;
    /// <summary>Row lengths of the projection.</summary>
    public RowNormKind RowNorms { get; init; } = RowNormKind.Chi;
    /// <summary>When projections are redrawn.</summary>
    public RedrawPolicy Redraw { get; init; } = RedrawPolicy.Fixed;
    /// <summary>
    /// FAVOR++ only (<see cref="FeatureMapKind.OptimalPositive"/>): the statistic ρ = mean |x_i + y_j|²/d of the scaled
    /// queries and keys that sets the optimal coefficient A. Null: bidirectional attention estimates ρ from each call's
    /// queries and keys (per batch row and head); causal attention, whose slices must share one A, assumes unit-variance
    /// query and key coordinates, ρ = 2/√dh. Any fixed value keeps the estimator unbiased; only its variance changes.
    /// </summary>
    public double? OprfRho { get; init; }
    /// <summary>
    /// Bidirectional FAVOR+ (<see cref="FeatureMapKind.SoftmaxPositive"/>) through the fused, block-by-block
    /// <see cref="FavorFunctional.BidirectionalSoftmax"/>: about a quarter of the memory at long L and, measured on one
    /// CPU thread, about the time of the default two-step path (0.46 against 0.47 s at L = 8192). Same results up to
    /// rounding. (Causal FAVOR+ and FAVOR++ always take the fused <see cref="FavorFunctional.CausalSoftmax"/> when no state
    /// is carried between slices.)
    /// </summary>
    public bool MemoryLean { get; init; }
    /// <summary>Seed of every random projection draw.</summary>
    public long Seed { get; init; }
}
