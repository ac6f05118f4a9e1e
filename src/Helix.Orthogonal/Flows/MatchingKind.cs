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
}
