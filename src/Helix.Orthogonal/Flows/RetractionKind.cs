namespace Helix.Orthogonal;

/// <summary>Retractions of the dense Riemannian-gradient baselines.</summary>
public enum RetractionKind
{
    /// <summary>The exact geodesic step X·exp(−ηΩ) (O(d³)).</summary>
    Exp,
    /// <summary>The Cayley retraction X·(I + ηΩ/2)⁻¹(I − ηΩ/2).</summary>
    Cayley,
    /// <summary>The QR retraction qf(X − ηXΩ).</summary>
    Qr,
}
