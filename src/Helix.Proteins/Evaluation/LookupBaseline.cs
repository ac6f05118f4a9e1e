using Helix.Core;
using Helix.Proteins.Batching;
using Helix.Proteins.Tokenization;

namespace Helix.Proteins.Evaluation;

/// <summary>
/// The long-context cheat: a lookup table of the training split that predicts a masked residue from the exact
/// input tokens on each side of it (masked neighbours count as MASK, which never occurs in training, so a context
/// holding one is never found), trying ±6 neighbours, then ±5, ±4, ±3, ±1, then the unigram frequencies, smoothed
/// from the narrowest context up (Dirichlet smoothing, weight 2). Where the training split holds homologs of a set it
/// is right almost wherever its widest context is found, so it shows how much of a model's score a lookup of the
/// training data explains. With <see cref="ContextTableWidths"/> (±2, then ±1) it is the short context table that the
/// reports show beside it.
/// </summary>
/// <remarks>
/// Each width keeps one sorted array of (context, residue) codes with counts: the context's 2w tokens in base 30
/// (30^12 × 32 &lt; 2^64, so ±6 is exact) shifted by 5 bits, the residue in the low 5. The default corpus's 8 M
/// training residues take about 100 MB per width and a few seconds to sort.
/// </remarks>
public sealed class LookupBaseline
{
    /// <summary>Widest context supported (2 × 6 tokens in base 30 and 5 bits of residue fill a 64-bit code).</summary>
    public const int MaxWidth = 6;
    const int Base = ProteinTokenizer.VocabSize;
    const double Smoothing = 2.0;
    readonly int[] _widths;       // descending
    readonly ulong[][] _codes;    // per width (as _widths): sorted distinct context << 5 | residue
    readonly int[][] _counts;     // per width: occurrences of each code
    readonly UnigramBaseline _unigram;

    /// <summary>
    /// The widths tried by default, widest first. Measured with the main job's masks on the default corpus: on the
    /// homology split's validation part (no homologs in training) ±1 alone is best (9.9 %, unigram 9.5 %) and every
    /// narrow context that matches by chance costs (±2 and ±3 with ±1 and the wide ones: 9.0 %, perplexity 23.2); on
    /// sets with homologs in training (QUERY, the old id split's test part) the wide contexts give 21 % with ±6, ±4,
    /// ±1 and 26 % with ±3 added. ±2 is left out: it adds 0.6 points there and loses 0.8 on unseen proteins.
    /// </summary>
    public static IReadOnlyList<int> DefaultWidths { get; } = [6, 5, 4, 3, 1];

    /// <summary>
    /// The short context table: two input tokens on each side, backing off to one, then to unigram. It gains from close
    /// relatives of a set in the training split (13.1 % on the old id split's test part, where they were common) and
    /// loses to unigram without them (9.0 % against 9.4 % on the homology split's test part: contexts matched by chance
    /// mislead). A model that does not beat it has learned less context than a lookup of the training split holds.
    /// </summary>
    public static IReadOnlyList<int> ContextTableWidths { get; } = [2, 1];

    /// <summary>
    /// Counts the contexts of <paramref name="training"/> (each protein framed by BOS and EOS, beyond them padding) at
    /// each of <paramref name="widths"/> (neighbours on each side, 1 to <see cref="MaxWidth"/>; null: <see cref="DefaultWidths"/>).
    /// </summary>
    public LookupBaseline(TokenizedCorpus training, UnigramBaseline unigram, IReadOnlyList<int>? widths = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        _unigram = unigram ?? throw new ArgumentNullException(nameof(unigram));
        _widths = (widths ?? DefaultWidths).Distinct().OrderDescending().ToArray();
        Check.That(_widths.Length > 0 && _widths.All(w => w is >= 1 and <= MaxWidth), nameof(widths),
            $"must be one or more widths in 1..{MaxWidth}, got [{string.Join(", ", widths ?? [])}]");
        _codes = new ulong[_widths.Length][];
        _counts = new int[_widths.Length][];
        var buffer = new ulong[training.ResidueCount];
        for (int k = 0; k < _widths.Length; k++)
        {
            int w = _widths[k], n = 0;
            var framed = new List<int>();
            for (int p = 0; p < training.Count; p++)
            {
                Frame(training.Protein(p), w, framed);
                for (int i = w; i < framed.Count - w; i++)
                    if (framed[i] >= ProteinTokenizer.FirstResidue) buffer[n++] = Key(framed, i, w) << 5 | (uint)framed[i];
            }
            Array.Sort(buffer, 0, n);
            var codes = new List<ulong>();
            var counts = new List<int>();
            for (int i = 0; i < n; i++)
            {
                if (codes.Count > 0 && codes[^1] == buffer[i]) counts[^1]++;
                else { codes.Add(buffer[i]); counts.Add(1); }
            }
            _codes[k] = codes.ToArray();
            _counts[k] = counts.ToArray();
        }
    }

    LookupBaseline(int[] widths, ulong[][] codes, int[][] counts, UnigramBaseline unigram)
    {
        (_widths, _codes, _counts, _unigram) = (widths, codes, counts, unigram);
    }

    /// <summary>
    /// The lookup over some of this table's widths, sharing its counts (nothing is counted again): the same
    /// predictions as a table counted at just those widths.
    /// </summary>
    public LookupBaseline Subset(IReadOnlyList<int> widths)
    {
        ArgumentNullException.ThrowIfNull(widths);
        var chosen = widths.Distinct().OrderDescending().ToArray();
        Check.That(chosen.Length > 0 && chosen.All(_widths.Contains), nameof(widths),
            $"must be one or more of the counted widths [{string.Join(", ", _widths)}], got [{string.Join(", ", widths)}]");
        var at = chosen.Select(w => Array.IndexOf(_widths, w)).ToArray();
        return new LookupBaseline(chosen, at.Select(k => _codes[k]).ToArray(), at.Select(k => _counts[k]).ToArray(), _unigram);
    }

    /// <summary>
    /// The two tables the reports show, <see cref="ContextTableWidths"/> and <see cref="DefaultWidths"/>, from one count
    /// of the training split at the widths of either (a width they share is counted once).
    /// </summary>
    public static (LookupBaseline Context, LookupBaseline Lookup) CountReported(TokenizedCorpus training, UnigramBaseline unigram)
    {
        var all = new LookupBaseline(training, unigram, [.. DefaultWidths.Union(ContextTableWidths)]);
        return (all.Subset(ContextTableWidths), all.Subset(DefaultWidths));
    }

    /// <summary>The widths tried, widest first.</summary>
    public IReadOnlyList<int> Widths => _widths;

    /// <summary>Distinct (context, residue) pairs counted at each width, as <see cref="Widths"/>.</summary>
    public IReadOnlyList<int> Entries => _codes.Select(c => c.Length).ToArray();

    /// <summary>The widest width whose context at <paramref name="position"/> of <paramref name="row"/> occurs in training; 0: none.</summary>
    public int LongestMatch(ReadOnlySpan<long> row, int position)
    {
        Span<int> counts = stackalloc int[ProteinTokenizer.VocabSize];
        for (int k = 0; k < _widths.Length; k++)
            if (Lookup(k, row, position, counts) > 0) return _widths[k];
        return 0;
    }

    /// <summary>ln p(x | the input's neighbours at <paramref name="position"/>) for every token x of the vocabulary.</summary>
    public double[] LogProbabilities(ReadOnlySpan<long> row, int position)
    {
        var p = new double[ProteinTokenizer.VocabSize];
        for (int x = 0; x < p.Length; x++) p[x] = Math.Exp(_unigram.LogProbability(x));
        Span<int> counts = stackalloc int[ProteinTokenizer.VocabSize];
        for (int k = _widths.Length - 1; k >= 0; k--)   // narrowest first: each wider context refines the narrower estimate
        {
            int total = Lookup(k, row, position, counts);
            if (total == 0) continue;
            for (int x = 0; x < p.Length; x++) p[x] = (counts[x] + Smoothing * p[x]) / (total + Smoothing);
        }
        for (int x = 0; x < p.Length; x++) p[x] = Math.Log(p[x]);
        return p;
    }

    /// <summary>The baseline's scores on the scored positions of <paramref name="batches"/>, read from each batch's input tokens.</summary>
    public MlmScore Score(IEnumerable<ProteinBatch> batches)
    {
        var tally = new MlmTally();
        foreach (var b in batches) AddTo(tally, b);
        return tally.Score();
    }

    /// <summary>The baseline's scores and its context coverage on the scored positions of <paramref name="batches"/>.</summary>
    public LookupMeasurement Measure(IEnumerable<ProteinBatch> batches)
    {
        var tally = new LookupTally();
        foreach (var b in batches) AddTo(tally, b);
        return new LookupMeasurement(tally.Scores.Score(), tally.Coverage, tally.UnmaskedCoverage);
    }

    /// <summary>Counts the scored positions of <paramref name="b"/> into <paramref name="scores"/>, read from its input tokens.</summary>
    internal void AddTo(MlmTally scores, ProteinBatch b) => Add(scores, null, b);

    /// <summary>
    /// Counts the scored positions of <paramref name="b"/> into <paramref name="tally"/>, read from its input tokens,
    /// and whether the widest context is found as the input has it and with the scored residues put back.
    /// </summary>
    internal void AddTo(LookupTally tally, ProteinBatch b) => Add(tally.Scores, tally, b);

    // The scores, and the coverage only when a tally for it is given (two more lookups per position).
    void Add(MlmTally scores, LookupTally? coverage, ProteinBatch b)
    {
        var original = coverage is null ? null : new long[b.Length];
        Span<int> counts = stackalloc int[ProteinTokenizer.VocabSize];
        for (int r = 0; r < b.Rows; r++)
        {
            var row = b.Tokens.AsSpan(r * b.Length, b.Length);
            var labels = b.Labels.AsSpan(r * b.Length, b.Length);
            if (original is not null)
                for (int i = 0; i < b.Length; i++) original[i] = labels[i] == ProteinTokenizer.IgnoreLabel ? row[i] : labels[i];
            for (int i = 0; i < b.Length; i++)
            {
                long label = labels[i];
                if (label == ProteinTokenizer.IgnoreLabel) continue;
                var logp = LogProbabilities(row, i);
                int better = 0;
                for (int x = 0; x < logp.Length; x++) if (logp[x] > logp[label]) better++;
                scores.Count(-logp[label], better + 1);
                if (coverage is null) continue;
                coverage.Positions++;
                if (FoundWidest(row, i, counts)) coverage.Covered++;
                if (FoundWidest(original, i, counts)) coverage.CoveredUnmasked++;
            }
        }
    }

    // Coverage asks only whether the widest context occurs; the narrower ones need not be looked up.
    bool FoundWidest(ReadOnlySpan<long> row, int position, Span<int> counts) => Lookup(0, row, position, counts) > 0;

    // Fills counts with the training residues seen between the context of width _widths[k]; returns their total.
    int Lookup(int k, ReadOnlySpan<long> row, int position, Span<int> counts)
    {
        counts.Clear();
        int w = _widths[k];
        ulong key = 0;
        for (int j = position - w; j <= position + w; j++)
        {
            if (j == position) continue;
            long t = j >= 0 && j < row.Length ? row[j] : ProteinTokenizer.Pad;
            if (t == ProteinTokenizer.Mask) return 0;   // never in training
            key = key * Base + (ulong)t;
        }
        var codes = _codes[k];
        ulong first = key << 5;
        int lo = 0, hi = codes.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (codes[mid] < first) lo = mid + 1; else hi = mid;
        }
        int total = 0;
        for (int i = lo; i < codes.Length && codes[i] >> 5 == key; i++)
        {
            counts[(int)(codes[i] & 31)] += _counts[k][i];
            total += _counts[k][i];
        }
        return total;
    }

    static ulong Key(List<int> framed, int position, int w)
    {
        ulong key = 0;
        for (int j = position - w; j <= position + w; j++)
            if (j != position) key = key * Base + (ulong)framed[j];
        return key;
    }

    // PAD × w, BOS, the residues, EOS, PAD × w.
    static void Frame(ReadOnlySpan<byte> residues, int w, List<int> into)
    {
        into.Clear();
        for (int i = 0; i < w; i++) into.Add(ProteinTokenizer.Pad);
        into.Add(ProteinTokenizer.Bos);
        foreach (var t in residues) into.Add(t);
        into.Add(ProteinTokenizer.Eos);
        for (int i = 0; i < w; i++) into.Add(ProteinTokenizer.Pad);
    }
}
