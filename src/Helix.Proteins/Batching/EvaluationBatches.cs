using Helix.Core;
using Helix.Proteins.Masking;
using Helix.Proteins.Tokenization;
using Helix.Training;

namespace Helix.Proteins.Batching;

/// <summary>
/// Fixed, seeded evaluation batches that cover every residue of a held-out set once: each protein framed BOS … EOS
/// and cut into consecutive windows of L (cropped mode), or the concatenated stream cut into consecutive windows.
/// The same seed gives the same masks, so models and the unigram baseline are scored on the same positions.
/// </summary>
public static class EvaluationBatches
{
    /// <summary>Builds the batches; <paramref name="concatenated"/> selects the packing.</summary>
    public static List<ProteinBatch> Create(TokenizedCorpus corpus, int rows, int length, MaskingOptions masking, ulong seed, bool concatenated = false)
    {
        var rng = new SplitMix64(seed);
        var batches = new List<ProteinBatch>();
        ProteinBatch? current = null;
        int row = 0;
        void NextRow()
        {
            if (current == null || row == rows)
            {
                if (current != null) Finish(current);
                current = ProteinBatch.Empty(rows, length);
                row = 0;
            }
        }
        void Finish(ProteinBatch b) { MlmMasker.Apply(b.Tokens, b.Labels, masking, rng); batches.Add(b); }

        if (concatenated)
        {
            var stream = ConcatenatedBatchSource.Concatenate(corpus);
            for (int start = 0; start < stream.Length; start += length)
            {
                NextRow();
                ConcatenatedBatchSource.WriteWindow(current!, row++, stream, start);
            }
        }
        else
        {
            for (int i = 0; i < corpus.Count; i++)
            {
                var protein = corpus.Protein(i);
                for (int start = 0; start < RowWriter.FramedLength(protein.Length); start += length)
                {
                    NextRow();
                    RowWriter.WriteFramed(current!, row++, protein, start);
                }
            }
        }
        if (current != null && row > 0) Finish(Trim(current, row));
        return batches;
    }

    /// <summary>
    /// The honest form of <paramref name="batch"/>: the same positions and labels, with every scored residue
    /// replaced by MASK in the input (no scored residue is left visible, none is replaced by a random residue).
    /// </summary>
    public static ProteinBatch HideTargets(ProteinBatch batch)
    {
        var tokens = (long[])batch.Tokens.Clone();
        for (int i = 0; i < tokens.Length; i++)
            if (batch.Labels[i] != ProteinTokenizer.IgnoreLabel) tokens[i] = ProteinTokenizer.Mask;
        return batch with { Tokens = tokens };
    }

    /// <summary><see cref="Create"/> with every scored residue masked in the input (<see cref="HideTargets"/>).</summary>
    public static List<ProteinBatch> CreateHidden(TokenizedCorpus corpus, int rows, int length, MaskingOptions masking, ulong seed, bool concatenated = false) =>
        Create(corpus, rows, length, masking, seed, concatenated).Select(HideTargets).ToList();

    /// <summary>The first <paramref name="rows"/> rows of <paramref name="b"/> (the last, partial batch).</summary>
    static ProteinBatch Trim(ProteinBatch b, int rows) => rows == b.Rows ? b
        : new ProteinBatch(rows, b.Length, b.Tokens[..(rows * b.Length)], b.Labels[..(rows * b.Length)], b.Padding[..(rows * b.Length)]);
}
