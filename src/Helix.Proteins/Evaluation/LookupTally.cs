namespace Helix.Proteins.Evaluation;

/// <summary>Running sums of a <see cref="LookupBaseline"/>: its scores and how often its widest context was found.</summary>
internal sealed class LookupTally
{
    public MlmTally Scores { get; } = new();
    public long Positions, Covered, CoveredUnmasked;

    public double Coverage => Covered / (double)Math.Max(1, Positions);
    public double UnmaskedCoverage => CoveredUnmasked / (double)Math.Max(1, Positions);
}
