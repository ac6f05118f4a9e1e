namespace Helix.Proteins.Evaluation;

/// <summary>What <see cref="LookupBaseline.Measure"/> found on a set of scored positions.</summary>
/// <param name="Score">The lookup's accuracy and perplexity.</param>
/// <param name="Coverage">Share of scored positions whose widest context, as the input has it, occurs in training.</param>
/// <param name="UnmaskedCoverage">The same with the other scored residues put back: how much of the set training holds.</param>
public sealed record LookupMeasurement(MlmScore Score, double Coverage, double UnmaskedCoverage);
