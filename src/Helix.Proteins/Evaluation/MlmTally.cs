namespace Helix.Proteins.Evaluation;

/// <summary>Running sums behind an <see cref="MlmScore"/>: cross-entropy, top-1 and top-3 hits over scored positions.</summary>
internal sealed class MlmTally
{
    double _nll;
    long _top1, _top3, _targets;

    /// <summary>One scored position: its cross-entropy and the 1-based rank of the original residue.</summary>
    public void Count(double nll, int rank)
    {
        _nll += nll;
        _targets++;
        if (rank == 1) _top1++;
        if (rank <= 3) _top3++;
    }

    /// <summary>Sums over several positions at once (the model's batched path).</summary>
    public void Add(double nll, long top1, long top3, long targets)
    {
        _nll += nll; _top1 += top1; _top3 += top3; _targets += targets;
    }

    /// <summary>The means; zero positions give zeros.</summary>
    public MlmScore Score()
    {
        double n = Math.Max(1, _targets);
        return new MlmScore(_top1 / n, _top3 / n, _nll / n, _targets);
    }
}
