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
/// <param name="Test">Masked-token scores on the test split (every scored residue masked; 80/10/10 apart).</param>
/// <param name="OtherSets">The same on the other held-out sets: the query file and the globins, when available, each followed by its proteins that share no linking k-mer with the training split (when there are any).</param>
/// <param name="Usefulness">What a user gets on the test split: PLL ranking against shuffles, fill accuracy, embedding retrieval; null when skipped.</param>
/// <param name="CheckpointPath">The model checkpoint.</param>
/// <param name="PlotPath">The curves PNG.</param>
/// <param name="MetricsPath">The JSONL log.</param>
/// <param name="TotalSeconds">Wall time of this process, data loading and evaluation included.</param>
public sealed record ProteinTrainingResult(string DataPath, int TrainProteins, long TrainResidues, long UnknownResidues,
    long Parameters, long Steps, double TrainingSeconds, double TokensPerSecond, EvaluationResult Test, IReadOnlyList<EvaluationResult> OtherSets,
    UsefulnessResult? Usefulness, string CheckpointPath, string PlotPath, string MetricsPath, double TotalSeconds);

