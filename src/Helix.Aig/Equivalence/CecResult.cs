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

/// <summary>
/// The result of a CEC run. A counterexample is an input vector (first network's input order, then latch
/// values) that was re-checked by simulating both networks.
/// </summary>
public sealed record CecResult(CecStatus Status, bool[]? Counterexample, int FailingOutput, string? FailingOutputName,
    int OutputPairs, int ProvedBySweep, FraigStats Sweep, TimeSpan Elapsed);
