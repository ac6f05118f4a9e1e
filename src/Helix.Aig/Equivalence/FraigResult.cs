namespace Helix.Aig.Equivalence;

/// <summary>The reduced network of <see cref="AigFraig"/> and what the sweep did.</summary>
/// <param name="Network">The equivalent network with merged nodes (compacted).</param>
/// <param name="Stats">Counters and times of the sweep.</param>
public sealed record FraigResult(Aignet Network, FraigStats Stats);
