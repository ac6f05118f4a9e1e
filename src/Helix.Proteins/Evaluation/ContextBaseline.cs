using Helix.Proteins.Tokenization;

namespace Helix.Proteins.Evaluation;

/// <summary>
/// A count baseline that sees the same input as the model: it predicts a masked residue from the two tokens on each
/// side of it (as they appear in the input, so masked neighbours count as MASK), backing off to one token on each
/// side and then to the unigram frequencies (Dirichlet smoothing). It needs no training beyond counting, so a model
/// that does not beat it has learned less context than a lookup table of the training split holds. It gains from close
/// relatives of a set in the training split (13.1 % on the old id split's test part, where they were common) and
/// loses to unigram without them (9.0 % against 9.4 % on the homology split's test part: contexts matched by chance
/// mislead); <see cref="LookupBaseline"/> is the stronger cheat with longer contexts.
/// </summary>
public sealed class ContextBaseline
{
    const int Bits = 5; // VocabSize = 30 < 32
    const double Smoothing = 2.0;
    readonly Dictionary<int, int[]> _wide = new();
    readonly int[][] _near = new int[1 << (2 * Bits)][];
    readonly UnigramBaseline _unigram;

    /// <summary>Counts the contexts of <paramref name="training"/> (each protein framed by BOS and EOS, beyond them padding).</summary>
    public ContextBaseline(TokenizedCorpus training, UnigramBaseline unigram)
    {
        ArgumentNullException.ThrowIfNull(training);
        _unigram = unigram ?? throw new ArgumentNullException(nameof(unigram));
        var framed = new List<int>();
        for (int p = 0; p < training.Count; p++)
        {
            framed.Clear();
            framed.Add(ProteinTokenizer.Pad);
            framed.Add(ProteinTokenizer.Bos);
            foreach (var t in training.Protein(p)) framed.Add(t);
            framed.Add(ProteinTokenizer.Eos);
            framed.Add(ProteinTokenizer.Pad);
            for (int i = 2; i < framed.Count - 2; i++)
            {
                int x = framed[i];
                if (x < ProteinTokenizer.FirstResidue) continue;
                Bump(ref _near[NearKey(framed[i - 1], framed[i + 1])], x);
                int wide = WideKey(framed[i - 2], framed[i - 1], framed[i + 1], framed[i + 2]);
                if (!_wide.TryGetValue(wide, out var counts)) _wide[wide] = counts = new int[ProteinTokenizer.VocabSize + 1];
                Bump(ref counts, x);
            }
        }
    }

    /// <summary>Distinct two-on-each-side contexts seen in training.</summary>
    public int WideContexts => _wide.Count;

    /// <summary>ln p(x | the input's neighbours at <paramref name="position"/>) for every token x of the vocabulary.</summary>
    public double[] LogProbabilities(ReadOnlySpan<long> row, int position)
    {
        int l2 = At(row, position - 2), l1 = At(row, position - 1), r1 = At(row, position + 1), r2 = At(row, position + 2);
        var near = _near[NearKey(l1, r1)];
        _wide.TryGetValue(WideKey(l2, l1, r1, r2), out var wide);
        var result = new double[ProteinTokenizer.VocabSize];
        for (int x = 0; x < result.Length; x++)
        {
            double p = Math.Exp(_unigram.LogProbability(x));
            if (near is not null) p = (near[x] + Smoothing * p) / (near[^1] + Smoothing);
            if (wide is not null) p = (wide[x] + Smoothing * p) / (wide[^1] + Smoothing);
            result[x] = Math.Log(p);
        }
        return result;
    }

    /// <summary>The baseline's scores on the scored positions of <paramref name="batches"/>, read from each batch's input tokens.</summary>
    public MlmScore Score(IEnumerable<Batching.ProteinBatch> batches)
    {
        var tally = new MlmTally();
        foreach (var b in batches) AddTo(tally, b);
        return tally.Score();
    }

    /// <summary>Counts the scored positions of <paramref name="b"/> into <paramref name="tally"/>, read from its input tokens.</summary>
    internal void AddTo(MlmTally tally, Batching.ProteinBatch b)
    {
        for (int r = 0; r < b.Rows; r++)
        {
            var row = b.Tokens.AsSpan(r * b.Length, b.Length);
            for (int i = 0; i < b.Length; i++)
            {
                long label = b.Labels[r * b.Length + i];
                if (label == ProteinTokenizer.IgnoreLabel) continue;
                var logp = LogProbabilities(row, i);
                int better = 0;
                for (int x = 0; x < logp.Length; x++) if (logp[x] > logp[label]) better++;
                tally.Count(-logp[label], better + 1);
            }
        }
    }

    static int At(ReadOnlySpan<long> row, int i) => i >= 0 && i < row.Length ? (int)row[i] : ProteinTokenizer.Pad;

    static int NearKey(int left, int right) => left << Bits | right;

    static int WideKey(int l2, int l1, int r1, int r2) => ((l2 << Bits | l1) << Bits | r1) << Bits | r2;

    // The last slot holds the total.
    static void Bump(ref int[] counts, int token)
    {
        counts ??= new int[ProteinTokenizer.VocabSize + 1];
        counts[token]++;
        counts[^1]++;
    }
}
