namespace Helix.Proteins.Evaluation;

/// <summary>Masked-token scores on a set of masked positions.</summary>
/// <param name="Accuracy">Share of masked positions whose most likely token is the original.</param>
/// <param name="Loss">Mean cross-entropy (nats) of the original tokens.</param>
/// <param name="Targets">Masked positions scored.</param>
public sealed record MlmScore(double Accuracy, double Loss, long Targets)
{
    /// <summary>exp(mean cross-entropy).</summary>
    public double Perplexity => Math.Exp(Loss);
}

/// <summary>A model and the unigram baseline on the same masked positions of one held-out set.</summary>
/// <param name="Name">The set ("test", "query", ...).</param>
/// <param name="Proteins">Proteins in the set.</param>
/// <param name="Residues">Residues in the set.</param>
/// <param name="Model">The model's scores.</param>
/// <param name="Unigram">The baseline's scores.</param>
public sealed record EvaluationReport(string Name, int Proteins, long Residues, MlmScore Model, MlmScore Unigram);
