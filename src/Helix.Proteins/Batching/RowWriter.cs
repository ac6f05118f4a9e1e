using Helix.Proteins.Tokenization;

namespace Helix.Proteins.Batching;

/// <summary>Writes a protein, framed as BOS residues EOS, into one padded row of a batch.</summary>
internal static class RowWriter
{
    /// <summary>Length of protein <paramref name="residues"/> once framed by BOS and EOS.</summary>
    public static int FramedLength(int residues) => residues + 2;

    /// <summary>
    /// Copies framed positions [start, start + L) of <paramref name="residues"/> into row <paramref name="row"/>
    /// of <paramref name="batch"/>; the rest of the row stays padding.
    /// </summary>
    public static void WriteFramed(ProteinBatch batch, int row, ReadOnlySpan<byte> residues, int start)
    {
        int L = batch.Length, framed = FramedLength(residues.Length);
        var tokens = batch.Tokens.AsSpan(row * L, L);
        var padding = batch.Padding.AsSpan(row * L, L);
        int n = Math.Min(L, framed - start);
        for (int j = 0; j < n; j++)
        {
            int f = start + j;
            tokens[j] = f == 0 ? ProteinTokenizer.Bos : f == framed - 1 ? ProteinTokenizer.Eos : residues[f - 1];
            padding[j] = false;
        }
    }
}
