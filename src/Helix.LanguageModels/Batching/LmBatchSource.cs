using Helix.Core;
using System.Text.Json.Nodes;
using Helix.Training;

namespace Helix.LanguageModels.Batching;

/// <summary>
/// Training batches of random crops: each row picks a sequence (in proportion to its length, so every token is
/// equally likely to be seen) and a random window of L + 1 tokens in it; shorter sequences are padded. All
/// randomness comes from the trainer's generator, so the source keeps no state of its own.
/// </summary>
internal sealed class LmBatchSource(IReadOnlyList<long[]> sequences, long padId, int rows, int length) : IBatchSource<LmBatch>
{
    readonly long[] _cumulative = Cumulative(sequences);

    public LmBatch Next(SplitMix64 rng)
    {
        int width = length + 1;
        var tokens = new long[rows * width];
        var padding = new bool[rows * width];
        for (int r = 0; r < rows; r++)
        {
            var seq = sequences[PickSequence(rng)];
            int start = seq.Length > width ? rng.NextInt(seq.Length - width + 1) : 0;
            Fill(seq, start, tokens.AsSpan(r * width, width), padding.AsSpan(r * width, width), padId);
        }
        return new LmBatch(tokens, padding, rows, width);
    }

    /// <summary>Fixed batches of consecutive windows from the start of each sequence, up to <paramref name="maxBatches"/>.</summary>
    public static IReadOnlyList<LmBatch> Windows(IReadOnlyList<long[]> sequences, long padId, int rows, int length, int maxBatches)
    {
        int width = length + 1;
        var windows = new List<(long[] Seq, int Start)>();
        foreach (var seq in sequences)
            for (int start = 0; start + 1 < seq.Length && windows.Count < rows * maxBatches; start += length)
                windows.Add((seq, start));
        var batches = new List<LmBatch>();
        for (int b = 0; b * rows < windows.Count; b++)
        {
            int n = Math.Min(rows, windows.Count - b * rows);
            var tokens = new long[n * width];
            var padding = new bool[n * width];
            for (int r = 0; r < n; r++)
            {
                var (seq, start) = windows[b * rows + r];
                Fill(seq, start, tokens.AsSpan(r * width, width), padding.AsSpan(r * width, width), padId);
            }
            batches.Add(new LmBatch(tokens, padding, n, width));
        }
        return batches;
    }

    public JsonNode? SaveState() => null;

    public void LoadState(JsonNode? state) { }

    static void Fill(long[] seq, int start, Span<long> tokens, Span<bool> padding, long padId)
    {
        int n = Math.Min(tokens.Length, seq.Length - start);
        seq.AsSpan(start, n).CopyTo(tokens);
        tokens[n..].Fill(padId);
        padding[n..].Fill(true);
    }

    int PickSequence(SplitMix64 rng)
    {
        if (_cumulative.Length == 1) return 0;
        long total = _cumulative[^1];
        long pick = (long)(rng.NextDouble() * total);
        int i = Array.BinarySearch(_cumulative, pick + 1);
        return i >= 0 ? i : ~i;
    }

    static long[] Cumulative(IReadOnlyList<long[]> sequences)
    {
        if (sequences.Count == 0) throw new ArgumentException("the corpus has no training sequences.");
        var c = new long[sequences.Count];
        long sum = 0;
        for (int i = 0; i < c.Length; i++) c[i] = sum += sequences[i].Length;
        return c;
    }
}
