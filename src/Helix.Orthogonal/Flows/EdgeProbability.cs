namespace Helix.Orthogonal;

/// <summary>The probability that a draw of <see cref="Matchings"/> contains the edge (I, J), I &lt; J.</summary>
/// <param name="I">Smaller endpoint.</param>
/// <param name="J">Larger endpoint.</param>
/// <param name="P">p_ij: exact for the colour classes of <see cref="MatchingKind.Graph"/>, a Monte-Carlo estimate for
/// <see cref="MatchingKind.RandomGraph"/>.</param>
/// <param name="StandardError">The estimate's standard error √(p(1 − p)/S) over S samples (0 when exact).</param>
public readonly record struct EdgeProbability(int I, int J, double P, double StandardError);
