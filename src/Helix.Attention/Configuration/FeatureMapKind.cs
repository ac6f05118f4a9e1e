namespace Helix.Attention;

/// <summary>The feature map φ whose inner products approximate (or define) the attention kernel.</summary>
public enum FeatureMapKind
{
    /// <summary>Positive random features exp(w·x − |x|²/2)/√m, unbiased for the softmax kernel (FAVOR+).</summary>
    SoftmaxPositive,
    /// <summary>Hyperbolic positive features [exp(w·x − |x|²/2), exp(−w·x − |x|²/2)]/√(2m).</summary>
    SoftmaxHyperbolic,
    /// <summary>Trigonometric features exp(|x|²/2)[sin(w·x), cos(w·x)]/√m (the original FAVOR).</summary>
    Trigonometric,
    /// <summary>Generalized kernel ReLU(·) + ε.</summary>
    Relu,
    /// <summary>Generalized kernel ELU(·) + 1.</summary>
    EluPlusOne,
    /// <summary>Generalized kernel given by <see cref="AttentionConfig.CustomFeature"/>.</summary>
    Custom,
    /// <summary>
    /// FAVOR++: optimal positive random features (Likhosherstov et al., "Chefs' Random Tables", NeurIPS 2022)
    /// D·exp(A|w|² + B w·x − |x|²/2)/√m with A ≤ 0 chosen to minimize the variance, B = √(1 − 4A), D = (1 − 4A)^(d/4):
    /// positive, bounded and unbiased for the softmax kernel, with far lower variance at large query/key norms.
    /// </summary>
    OptimalPositive,
}
