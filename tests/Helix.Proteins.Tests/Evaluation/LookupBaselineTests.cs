using System.Text;
using Helix.Core;
using Helix.Proteins.Batching;
using Helix.Proteins.Data;
using Helix.Proteins.Evaluation;
using Helix.Proteins.Masking;
using Helix.Proteins.Tokenization;

namespace Helix.Proteins.Tests.Evaluation;

public class LookupBaselineTests
{
    // Short proteins over three residues, so that contexts of every width repeat and many are missing.
    static TokenizedCorpus Proteins(int count, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var list = new List<ProteinRecord>();
        for (int i = 0; i < count; i++)
        {
            var sb = new StringBuilder();
            int n = 8 + rng.NextInt(20);
            for (int j = 0; j < n; j++) sb.Append("ACD"[rng.NextInt(3)]);
            list.Add(new ProteinRecord($"p{seed}_{i}", "", sb.ToString(), "test", i));
        }
        return TokenizedCorpus.Build(list);
    }

    // Counts of the residue at the centre of every training window whose 2w neighbours equal those of row[position]
    // (beyond a row or a framed protein: padding), by scanning every training position.
    static int[] BruteCounts(TokenizedCorpus training, ReadOnlySpan<long> row, int position, int w)
    {
        var counts = new int[ProteinTokenizer.VocabSize];
        long RowAt(ReadOnlySpan<long> r, int j) => j >= 0 && j < r.Length ? r[j] : ProteinTokenizer.Pad;
        for (int p = 0; p < training.Count; p++)
        {
            var framed = new List<long> { ProteinTokenizer.Bos };
            foreach (var t in training.Protein(p)) framed.Add(t);
            framed.Add(ProteinTokenizer.Eos);
            long At(int j) => j >= 0 && j < framed.Count ? framed[j] : ProteinTokenizer.Pad;
            for (int c = 1; c < framed.Count - 1; c++)
            {
                bool same = true;
                for (int d = -w; d <= w && same; d++) same = d == 0 || At(c + d) == RowAt(row, position + d);
                if (same) counts[framed[c]]++;
            }
        }
        return counts;
    }

    [Fact]
    public void MatchesABruteForceCountOfEveryWidth()
    {
        var train = Proteins(60, 1);
        var unigram = new UnigramBaseline(train);
        int[] widths = [3, 2, 1];
        var table = new LookupBaseline(train, unigram, widths);
        int positions = 0, matchedWidest = 0, matchedNone = 0;
        foreach (var b in EvaluationBatches.CreateHidden(Proteins(30, 2), 4, 16, new MaskingOptions(0.2), 3))
            for (int r = 0; r < b.Rows; r++)
            {
                var row = b.Tokens.AsSpan(r * b.Length, b.Length).ToArray();
                for (int i = 0; i < b.Length; i++)
                {
                    if (b.Labels[r * b.Length + i] == ProteinTokenizer.IgnoreLabel) continue;
                    // Reference: unigram, then each width that has counts, narrowest first, with Dirichlet weight 2.
                    var p = Enumerable.Range(0, ProteinTokenizer.VocabSize).Select(x => Math.Exp(unigram.LogProbability(x))).ToArray();
                    int longest = 0;
                    foreach (int w in widths.Reverse())
                    {
                        var counts = BruteCounts(train, row, i, w);
                        int total = counts.Sum();
                        if (total == 0) continue;
                        longest = w;
                        for (int x = 0; x < p.Length; x++) p[x] = (counts[x] + 2.0 * p[x]) / (total + 2.0);
                    }
                    var got = table.LogProbabilities(row, i);
                    for (int x = 0; x < p.Length; x++) Assert.Equal(Math.Log(p[x]), got[x], 12);
                    Assert.Equal(longest, table.LongestMatch(row, i));
                    positions++;
                    if (longest == 3) matchedWidest++;
                    if (longest == 0) matchedNone++;
                }
            }
        // The check covered found widest contexts and contexts found at no width (masked neighbours on both sides).
        Assert.True(positions > 60 && matchedWidest > 10 && matchedNone > 10, $"{positions} positions, {matchedWidest} at ±3, {matchedNone} at none");
    }

    [Fact]
    public void NeverReadsTheResidueItPredicts()
    {
        var train = Proteins(40, 1);
        var table = new LookupBaseline(train, new UnigramBaseline(train));
        Assert.True(ScoredResidueCheck.AssertBlind(table.LogProbabilities, Proteins(20, 2), 4, 16) > 20);
    }

    [Fact]
    public void FindsEveryContextOfACopiedProteinOnceItsNeighboursAreUnmasked()
    {
        // Test proteins that are training proteins: with the other scored residues put back, every ±6 context is in
        // training, and the table then predicts at least as well as its counts allow.
        var train = Proteins(40, 1);
        var table = new LookupBaseline(train, new UnigramBaseline(train));
        var tally = new LookupTally();
        foreach (var b in EvaluationBatches.CreateHidden(train, 4, 64, new MaskingOptions(), 3)) table.AddTo(tally, b);
        Assert.True(tally.Positions > 20);
        Assert.Equal(1.0, tally.UnmaskedCoverage);
        Assert.InRange(tally.Coverage, 0.01, 0.99);   // masked neighbours hide some contexts
    }

    [Fact]
    public void SubsetsPredictAsTablesCountedAtTheirOwnWidths()
    {
        var train = Proteins(60, 1);
        var unigram = new UnigramBaseline(train);
        var (context, lookup) = LookupBaseline.CountReported(train, unigram);
        Assert.Equal(LookupBaseline.ContextTableWidths, context.Widths);
        Assert.Equal(LookupBaseline.DefaultWidths, lookup.Widths);
        var pairs = new[] { (context, new LookupBaseline(train, unigram, LookupBaseline.ContextTableWidths)), (lookup, new LookupBaseline(train, unigram)) };
        int positions = 0;
        foreach (var b in EvaluationBatches.CreateHidden(Proteins(20, 2), 4, 16, new MaskingOptions(0.2), 3))
            for (int r = 0; r < b.Rows; r++)
                for (int i = 0; i < b.Length; i++)
                {
                    if (b.Labels[r * b.Length + i] == ProteinTokenizer.IgnoreLabel) continue;
                    var row = b.Tokens.AsSpan(r * b.Length, b.Length);
                    foreach (var (shared, own) in pairs)
                    {
                        Assert.Equal(own.LogProbabilities(row, i), shared.LogProbabilities(row, i));   // bit for bit
                        Assert.Equal(own.LongestMatch(row, i), shared.LongestMatch(row, i));
                    }
                    positions++;
                }
        Assert.True(positions > 20);
        Assert.Throws<InvalidOptionException>(() => context.Subset([3]));   // not counted there
    }

    [Fact]
    public void RejectsWidthsOutsideItsCodes()
    {
        var train = Proteins(5, 1);
        Assert.Throws<InvalidOptionException>(() => new LookupBaseline(train, new UnigramBaseline(train), [7]));
        Assert.Throws<InvalidOptionException>(() => new LookupBaseline(train, new UnigramBaseline(train), [0, 2]));
    }
}
