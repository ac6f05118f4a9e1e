using Helix.Core;
using Helix.Proteins.Batching;
using Helix.Proteins.Data;
using Helix.Proteins.Masking;
using Helix.Proteins.Tokenization;
using Helix.Training;

namespace Helix.Proteins.Tests.Batching;

public class BatchSourceTests
{
    internal static TokenizedCorpus Corpus(params string[] sequences) =>
        TokenizedCorpus.Build(sequences.Select((s, i) => new ProteinRecord($"P{i}", "", s, "test", i + 1)));

    static readonly MaskingOptions NoMasking = new(1e-12, 0, 0);

    static string Row(ProteinBatch b, int r) => string.Concat(Enumerable.Range(0, b.Length).Select(j =>
        b.Padding[r * b.Length + j] ? "_" : b.Tokens[r * b.Length + j] switch
        {
            ProteinTokenizer.Bos => "<", ProteinTokenizer.Eos => ">", var t => ProteinTokenizer.Decode(t).ToString(),
        }));

    [Fact]
    public void CroppedRowsAreFramedPaddedOrRandomWindows()
    {
        var corpus = Corpus("MKV", "ACDEFGHIKLMNPQRSTVWY");
        var source = new CroppedBatchSource(corpus, rows: 2, length: 8, NoMasking);
        var seen = new HashSet<string>();
        for (int i = 0; i < 50; i++)
        {
            var b = source.Next(new SplitMix64((ulong)i));
            for (int r = 0; r < 2; r++)
            {
                var row = Row(b, r);
                seen.Add(row);
                if (row.StartsWith("<M")) Assert.Equal("<MKV>___", row);
                else Assert.Contains(row, "<ACDEFGHIKLMNPQRSTVWY>");
            }
        }
        Assert.True(seen.Count > 5, "long proteins are cropped at different offsets");
    }

    [Fact]
    public void EachEpochVisitsEveryProteinOnce()
    {
        var corpus = Corpus(Enumerable.Range(0, 10).Select(i => new string('A', i + 1)).ToArray());
        var source = new CroppedBatchSource(corpus, rows: 5, length: 16, NoMasking);
        var rng = new SplitMix64(1);
        var lengths = Enumerable.Range(0, 2).SelectMany(_ => { var b = source.Next(rng); return Enumerable.Range(0, 5).Select(r => Row(b, r).Count(ch => ch == 'A')); });
        Assert.Equal(Enumerable.Range(1, 10), lengths.Order());
    }

    [Fact]
    public void SavedStateContinuesTheSameBatches()
    {
        var corpus = Corpus(Enumerable.Range(0, 7).Select(i => new string("ACDEFGHIK"[i], 20 + i)).ToArray());
        var a = new CroppedBatchSource(corpus, 3, 12, new MaskingOptions());
        var rng = new SplitMix64(9);
        for (int i = 0; i < 4; i++) a.Next(rng);
        var state = a.SaveState();
        var rngState = rng.State;
        var expected = Enumerable.Range(0, 5).Select(_ => a.Next(rng)).ToList();

        var b = new CroppedBatchSource(corpus, 3, 12, new MaskingOptions());
        b.LoadState(state);
        var rng2 = new SplitMix64(0) { State = rngState };
        foreach (var e in expected)
        {
            var got = b.Next(rng2);
            Assert.Equal(e.Tokens, got.Tokens);
            Assert.Equal(e.Labels, got.Labels);
        }
    }

    [Fact]
    public void ConcatenatedWindowsAreSlicesOfTheEosSeparatedStream()
    {
        var corpus = Corpus("MKV", "ACDEF", "LLLL");
        var source = new ConcatenatedBatchSource(corpus, rows: 3, length: 6, NoMasking);
        const string stream = "MKV>ACDEF>LLLL>";
        for (int i = 0; i < 20; i++)
        {
            var b = source.Next(new SplitMix64((ulong)i));
            for (int r = 0; r < 3; r++)
            {
                var row = Row(b, r);
                Assert.Equal(6, row.Length);
                Assert.Contains(row, stream);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EvaluationBatchesCoverEveryResidueOnce(bool concatenated)
    {
        var corpus = Corpus("MKV", new string('A', 30), "CC", new string('W', 17));
        var batches = EvaluationBatches.Create(corpus, rows: 2, length: 8, new MaskingOptions(), seed: 5, concatenated);
        var tokens = batches.SelectMany(b => b.Tokens.Zip(b.Padding).Where(x => !x.Second).Select(x => x.First)).ToList();
        int expected = concatenated ? 52 + 4 : 52 + 8;   // residues + one EOS each, or + BOS and EOS each
        Assert.Equal(expected, tokens.Count);
        var again = EvaluationBatches.Create(corpus, 2, 8, new MaskingOptions(), 5, concatenated);
        Assert.Equal(batches.SelectMany(b => b.Labels), again.SelectMany(b => b.Labels));
    }
}
