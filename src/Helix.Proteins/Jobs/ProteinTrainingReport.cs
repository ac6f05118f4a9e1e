using Helix.Proteins.Evaluation;

namespace Helix.Proteins.Jobs;

/// <summary>What a protein training run produced, as written to report.json.</summary>
/// <param name="DataPath">The training corpus.</param>
/// <param name="TrainProteins">Proteins in the training split.</param>
/// <param name="TrainResidues">Residues in the training split.</param>
/// <param name="UnknownResidues">Letters of the whole corpus that were not amino-acid codes (mapped to UNK).</param>
/// <param name="Parameters">Trainable parameters of the model.</param>
/// <param name="Steps">Optimizer steps done (across resumes).</param>
/// <param name="TrainingSeconds">Training time (across resumes).</param>
/// <param name="TokensPerSecond">Training throughput of the last process.</param>
/// <param name="Test">Scores on the test split.</param>
/// <param name="Query">Scores on the second test set, if any.</param>
/// <param name="CheckpointPath">The model checkpoint.</param>
/// <param name="PlotPath">The curves PNG.</param>
/// <param name="MetricsPath">The JSONL log.</param>
/// <param name="TotalSeconds">Wall time of this process, data loading and evaluation included.</param>
public sealed record ProteinTrainingReport(string DataPath, int TrainProteins, long TrainResidues, long UnknownResidues,
    long Parameters, long Steps, double TrainingSeconds, double TokensPerSecond, EvaluationReport Test, EvaluationReport? Query,
    string CheckpointPath, string PlotPath, string MetricsPath, double TotalSeconds);

/// <summary>A progress event of a protein job: a status line, or a training step.</summary>
/// <param name="Message">A line of status (data loading, evaluation), or null.</param>
/// <param name="Training">A training progress report, or null.</param>
/// <param name="Fraction">Fraction done of the current non-training phase (evaluation), or null.</param>
public sealed record ProteinJobEvent(string? Message, Helix.Training.TrainingProgress? Training = null, double? Fraction = null);
