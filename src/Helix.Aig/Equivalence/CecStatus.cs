namespace Helix.Aig.Equivalence;

/// <summary>The verdict of <see cref="AigCec"/>.</summary>
public enum CecStatus
{
    /// <summary>Every output pair is equal for all inputs.</summary>
    Equivalent,
    /// <summary>A counterexample distinguishes an output pair.</summary>
    NotEquivalent,
    /// <summary>The budget ran out before a proof or a counterexample.</summary>
    Undecided,
}
