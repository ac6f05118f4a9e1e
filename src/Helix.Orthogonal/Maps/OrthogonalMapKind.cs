namespace Helix.Orthogonal;

/// <summary>The orthogonal maps Helix offers behind <see cref="IOrthogonalMap"/>.</summary>
public enum OrthogonalMapKind
{
    /// <summary>Compact WY: Q = I − U S⁻¹ Uᵀ, S = ½I + striu(UᵀU); T-CWY for the first M columns (Stiefel).</summary>
    Cwy,
    /// <summary>Baseline: L sequential Householder reflections (L rank-1 updates).</summary>
    Householder,
    /// <summary>Baseline: libtorch's <c>linalg.householder_product</c> (LAPACK orgqr) on unit-diagonal vectors.</summary>
    HouseholderProduct,
    /// <summary>Baseline: matrix exponential of a skew-symmetric matrix.</summary>
    MatrixExp,
    /// <summary>Baseline: the Cayley map (I − K)⁻¹(I + K) of a skew-symmetric matrix K.</summary>
    Cayley,
}
