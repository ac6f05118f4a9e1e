namespace Helix.Proteins.Evaluation;

/// <summary>Masked-token scores on a set of scored positions.</summary>
/// <param name="Accuracy">Share of scored positions whose most likely residue is the original (top-1).</param>
/// <param name="Top3Accuracy">Share of scored positions whose original residue is among the three most likely.</param>
/// <param name="Loss">Mean cross-entropy (nats) of the original residues.</param>
/// <param name="Targets">Positions scored.</param>
public sealed record MlmScore(double Accuracy, double Top3Accuracy, double Loss, long Targets)
{
    /// <summary>exp(mean cross-entropy).</summary>
    public double Perplexity => Math.Exp(Loss);
}
