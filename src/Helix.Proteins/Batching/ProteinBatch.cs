namespace Helix.Proteins.Batching;

/// <summary>
/// A masked-LM batch as flat row-major arrays of <see cref="Rows"/> × <see cref="Length"/>: input tokens, labels
/// (original token at chosen positions, else the ignore label) and the padding mask (true = padding).
/// </summary>
public sealed record ProteinBatch(int Rows, int Length, long[] Tokens, long[] Labels, bool[] Padding)
{
    /// <summary>Non-padding tokens in the batch.</summary>
    public long RealTokens => Padding.LongLength - Padding.Count(p => p);

    /// <summary>An empty batch of the given shape (all padding, all labels ignored).</summary>
    public static ProteinBatch Empty(int rows, int length)
    {
        var labels = new long[rows * length];
        Array.Fill(labels, Tokenization.ProteinTokenizer.IgnoreLabel);
        var padding = new bool[rows * length];
        Array.Fill(padding, true);
        return new ProteinBatch(rows, length, new long[rows * length], labels, padding);
    }
}
