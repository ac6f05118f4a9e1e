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
}
