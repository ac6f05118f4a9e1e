using Helix.Proteins.Tokenization;

namespace Helix.Proteins.Evaluation;

/// <summary>
/// The amino-acid frequency baseline: predicts every masked residue from the training set's residue frequencies
/// (add-one smoothed over the 25 residue tokens), ignoring context. Its accuracy is the most frequent residue's share.
/// </summary>
public sealed class UnigramBaseline
{
    readonly double[] _logProb = new double[ProteinTokenizer.VocabSize];
    readonly int[] _ranked;

    /// <summary>The most frequent residue token.</summary>
    public int MostFrequent => _ranked[0];

    /// <summary>Fits the frequencies to <paramref name="training"/>.</summary>
    public UnigramBaseline(TokenizedCorpus training)
    {
        var counts = training.TokenCounts();
        double total = 0;
        for (int t = ProteinTokenizer.FirstResidue; t < ProteinTokenizer.VocabSize; t++) total += counts[t] + 1;
        Array.Fill(_logProb, double.NegativeInfinity);
        for (int t = ProteinTokenizer.FirstResidue; t < ProteinTokenizer.VocabSize; t++) _logProb[t] = Math.Log((counts[t] + 1) / total);
        _ranked = Enumerable.Range(ProteinTokenizer.FirstResidue, ProteinTokenizer.VocabSize - ProteinTokenizer.FirstResidue)
            .OrderByDescending(t => counts[t]).ThenBy(t => t).ToArray();
    }

    /// <summary>ln p(token) under the baseline.</summary>
    public double LogProbability(long token) => _logProb[token];

    /// <summary>The residue tokens from most to least frequent.</summary>
    public IReadOnlyList<int> Ranked => _ranked;

    /// <summary>The baseline's scores on the scored positions of <paramref name="batches"/>.</summary>
    public MlmScore Score(IEnumerable<Batching.ProteinBatch> batches)
    {
        var tally = new MlmTally();
        foreach (var b in batches) AddTo(tally, b);
        return tally.Score();
    }

    /// <summary>Counts the scored positions of <paramref name="batch"/> into <paramref name="tally"/>.</summary>
    internal void AddTo(MlmTally tally, Batching.ProteinBatch batch)
    {
        foreach (var label in batch.Labels)
            if (label != ProteinTokenizer.IgnoreLabel) tally.Count(-LogProbability(label), Rank(label));
    }

    /// <summary>1-based rank of <paramref name="token"/> among the residues by frequency.</summary>
    public int Rank(long token) => Array.IndexOf(_ranked, (int)token) + 1;
}
