namespace Helix.Proteins.Jobs;

/// <summary>A progress event of a protein job: a status line, or a training step.</summary>
/// <param name="Message">A line of status (data loading, evaluation), or null.</param>
/// <param name="Training">A training progress report, or null.</param>
/// <param name="Fraction">Fraction done of the current non-training phase (evaluation), or null.</param>
public sealed record ProteinJobEvent(string? Message, Helix.Training.TrainingProgress? Training = null, double? Fraction = null);
