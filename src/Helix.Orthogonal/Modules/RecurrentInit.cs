namespace Helix.Orthogonal;

/// <summary>How <see cref="OrthogonalRnn"/> initializes its recurrent orthogonal matrix Q.</summary>
public enum RecurrentInit
{
    /// <summary>The map's own random start (<see cref="IOrthogonalMap.Initial"/>: Gaussian reflection vectors or a small random skew matrix).</summary>
    Random,
    /// <summary>Henaff et al.'s start: Q block-diagonal with 2×2 rotations by angles uniform in (−π, π) (a −1 for odd N).
    /// Householder maps get it as pairs of reflections, H(e₂ₖ)H(cos φ e₂ₖ + sin φ e₂ₖ₊₁) = rotation by 2φ (vectors of norm √N, as in
    /// the Gaussian start, so that an optimizer turns them as slowly); the
    /// skew-symmetric maps as 2×2 skew blocks. The libtorch householder-product map cannot express it (its vectors have
    /// a fixed unit entry) and rejects it.</summary>
    Rotations,
}
