namespace Helix.Attention;

/// <summary>How the lengths of the random projection rows are set.</summary>
public enum RowNormKind
{
    /// <summary>Chi(d)-distributed norms, so each row is marginally N(0, I) and the estimator is unbiased.</summary>
    Chi,
    /// <summary>Every row has norm √d (lower variance, slightly biased).</summary>
    FixedSqrtD,
}
