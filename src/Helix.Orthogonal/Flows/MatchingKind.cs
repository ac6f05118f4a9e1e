namespace Helix.Orthogonal;

/// <summary>How <see cref="GivensFlow"/> chooses the disjoint coordinate pairs (a matching) it rotates each step.</summary>
public enum MatchingKind
{
    /// <summary>A uniformly random perfect matching of K_d (odd d: a uniform index sits out); exact p = 1/(d−1) (even d) or 1/d (odd d).</summary>
    UniformRandom,
    /// <summary>A user graph G: its edges are coloured greedily into C matchings and one is drawn uniformly; exact p = 1/C.</summary>
    Graph,
    /// <summary>The circle-method schedule that colours K_d into d − 1 perfect matchings (d for odd d), one per step in turn; weight = the number of rounds.</summary>
    RoundRobin,
    /// <summary>Greedy matching on the largest |Ω_ij| (needs all of Ω: one dense d×d product; deterministic, not an unbiased estimate).</summary>
    Greedy,
    /// <summary>A random maximal matching of a user graph G: its edges in a uniformly random order, each kept when both
    /// ends are still free. p_ij has no closed form, so it is estimated once by Monte Carlo (S seeded samples of the same
    /// procedure; standard error √(p(1 − p)/S), and p_ij ≥ 1/|E| holds exactly since an edge drawn first is always kept).
    /// Ω̂ is then unbiased up to the relative error of the estimate, about √((1 − p)/(pS)).</summary>
    RandomGraph,
}
