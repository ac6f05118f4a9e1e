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

    /// <summary>The scores of the union of disjoint position sets, each weighted by its targets.</summary>
    public static MlmScore Combine(IEnumerable<MlmScore> parts)
    {
        double top1 = 0, top3 = 0, loss = 0;
        long n = 0;
        foreach (var p in parts)
        {
            top1 += p.Accuracy * p.Targets; top3 += p.Top3Accuracy * p.Targets; loss += p.Loss * p.Targets; n += p.Targets;
        }
        double d = Math.Max(1, n);
        return new MlmScore(top1 / d, top3 / d, loss / d, n);
    }
}
