namespace Helix.Aig.Equivalence;

/// <summary>How far a sweep has got: nodes swept of <paramref name="Total"/>, nodes merged, and the sweeping round.</summary>
/// <param name="Done">Nodes swept in this round.</param>
/// <param name="Total">Nodes of the network swept in this round.</param>
/// <param name="Merged">Nodes merged so far (all rounds).</param>
/// <param name="Round">Sweeping round, from 0.</param>
public readonly record struct SweepProgress(int Done, int Total, int Merged, int Round = 0);
