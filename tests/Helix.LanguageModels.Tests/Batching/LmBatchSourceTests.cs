using Helix.Core;
using Helix.LanguageModels.Batching;

namespace Helix.LanguageModels.Tests.Batching;

public sealed class LmBatchSourceTests
{
    static readonly long[][] Sequences = [Enumerable.Range(0, 100).Select(i => (long)i).ToArray(), [7, 8, 9]];

    [Fact]
    public void BatchesDependOnlyOnTheGeneratorState()
    {
        var source = new LmBatchSource(Sequences, padId: -1, rows: 3, length: 8);
        var a = new SplitMix64(5);
        var first = Enumerable.Range(0, 4).Select(_ => source.Next(a)).ToList();
        // A "resumed" source: a fresh instance and a generator restored to the state after batch 2.
        var b = new SplitMix64(5);
        source.Next(b); source.Next(b);
        var restored = new SplitMix64(0) { State = b.State };
        var again = new LmBatchSource(Sequences, padId: -1, rows: 3, length: 8);
        Assert.Null(again.SaveState());
        Assert.Equal(first[2].Tokens, again.Next(restored).Tokens);
        Assert.Equal(first[3].Tokens, again.Next(restored).Tokens);
        Assert.NotEqual(first[0].Tokens, first[1].Tokens);
    }

    [Fact]
    public void RowsAreContiguousWindowsAndShortSequencesArePadded()
    {
        var source = new LmBatchSource(Sequences, padId: -1, rows: 64, length: 8);
        var batch = source.Next(new SplitMix64(3));
        Assert.Equal(9, batch.Width);
        bool sawShort = false;
        for (int r = 0; r < batch.Rows; r++)
        {
            var row = batch.Tokens.AsSpan(r * 9, 9).ToArray();
            var pad = batch.Padding.AsSpan(r * 9, 9).ToArray();
            if (pad.Contains(true))
            {
                sawShort = true;
                Assert.Equal([7L, 8, 9, -1, -1, -1, -1, -1, -1], row);
                Assert.Equal([false, false, false, true, true, true, true, true, true], pad);
            }
            else
            {
                for (int i = 1; i < 9; i++) Assert.Equal(row[0] + i, row[i]);
                Assert.DoesNotContain(true, pad);
            }
        }
        Assert.True(sawShort, "the short sequence (3 of 103 tokens) never came up in 64 rows");
    }

    [Fact]
    public void ValidationWindowsStepThroughEachSequence()
    {
        var batches = LmBatchSource.Windows([Enumerable.Range(0, 20).Select(i => (long)i).ToArray()], padId: -1, rows: 2, length: 8, maxBatches: 5);
        Assert.Equal(2, batches.Count);   // windows start at 0, 8 and 16; the third spills into a second batch
        Assert.Equal(2, batches[0].Rows);
        Assert.Equal(0, batches[0].Tokens[0]);
        Assert.Equal(8, batches[0].Tokens[9]);
        Assert.Equal([16L, 17, 18, 19, -1, -1, -1, -1, -1], batches[1].Tokens);
        Assert.Equal(1, batches[1].Rows);
    }
}
