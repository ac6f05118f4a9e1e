using Helix.Proteins.Tokenization;

namespace Helix.Proteins.Evaluation;

/// <summary>
/// The amino-acid frequency baseline: predicts every masked residue from the training set's residue frequencies
/// (add-one smoothed over the 25 residue tokens), ignoring context. Its accuracy is the most frequent residue's share.
/// </summary>
public sealed class UnigramBaseline
{
    readonly double[] _logProb = new double[ProteinTokenizer.VocabSize];

    /// <summary>The most frequent residue token.</summary>
    public int MostFrequent { get; }

    /// <summary>Fits the frequencies to <paramref name="training"/>.</summary>
    public UnigramBaseline(TokenizedCorpus training)
    {
        var counts = training.TokenCounts();
        double total = 0;
        for (int t = ProteinTokenizer.FirstResidue; t < ProteinTokenizer.VocabSize; t++) total += counts[t] + 1;
        Array.Fill(_logProb, double.NegativeInfinity);
        for (int t = ProteinTokenizer.FirstResidue; t < ProteinTokenizer.VocabSize; t++)
        {
            _logProb[t] = Math.Log((counts[t] + 1) / total);
            if (counts[t] > counts[MostFrequent]) MostFrequent = t;
        }
    }

    /// <summary>ln p(token) under the baseline.</summary>
    public double LogProbability(long token) => _logProb[token];
}
