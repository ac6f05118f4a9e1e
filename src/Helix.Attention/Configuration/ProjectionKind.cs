namespace Helix.Attention;

/// <summary>How the random projection directions are drawn.</summary>
public enum ProjectionKind
{
    /// <summary>Independent Gaussian rows.</summary>
    Gaussian,
    /// <summary>Rows orthogonal within blocks of d (QR of Gaussian blocks): lower-variance estimates.</summary>
    Orthogonal,
}
