namespace Helix.Aig.Equivalence;

/// <summary>
/// The result of a CEC run. A counterexample is an input vector (first network's input order, then latch
/// values) that was re-checked by simulating both networks.
/// </summary>
/// <param name="Status">The verdict.</param>
/// <param name="Counterexample">Inputs that distinguish the networks (null unless not equivalent).</param>
/// <param name="FailingOutput">The first network's output (or next-state) index that differs, or -1.</param>
/// <param name="FailingOutputName">Its name, if any.</param>
/// <param name="OutputPairs">Output and next-state pairs compared.</param>
/// <param name="ProvedBySweep">Pairs that sweeping alone made identical.</param>
/// <param name="Sweep">What the sweeping rounds did.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record CecResult(CecStatus Status, bool[]? Counterexample, int FailingOutput, string? FailingOutputName,
    int OutputPairs, int ProvedBySweep, FraigStats Sweep, TimeSpan Elapsed);
