using Helix.Core;
using System.Text.Json.Nodes;
using Helix.Proteins.Masking;
using Helix.Proteins.Tokenization;
using Helix.Training;

namespace Helix.Proteins.Batching;

/// <summary>
/// The Performer paper's "concatenated" mode: all proteins joined into one stream, each followed by EOS, and rows
/// cut from it as windows of L at random offsets (L = 2048–8192). No padding; proteins span row boundaries.
/// Stateless apart from the trainer's RNG.
/// </summary>
public sealed class ConcatenatedBatchSource : IBatchSource<ProteinBatch>
{
    readonly byte[] _stream;
    readonly int _rows, _length;
    readonly MaskingOptions _masking;

    /// <summary>Batches of <paramref name="rows"/> windows of <paramref name="length"/> tokens.</summary>
    public ConcatenatedBatchSource(TokenizedCorpus corpus, int rows, int length, MaskingOptions masking)
    {
        masking.Validate();
        if (rows < 1 || length < 2) throw new ArgumentException($"batch size must be ≥ 1 and length ≥ 2, got {rows} × {length}");
        _stream = Concatenate(corpus);
        if (_stream.Length < length) throw new ArgumentException($"the corpus has {_stream.Length} tokens, fewer than one window of {length}");
        (_rows, _length, _masking) = (rows, length, masking);
    }

    /// <summary>The corpus as one token stream, each protein followed by EOS.</summary>
    internal static byte[] Concatenate(TokenizedCorpus corpus)
    {
        var stream = new byte[corpus.ResidueCount + corpus.Count];
        int at = 0;
        for (int i = 0; i < corpus.Count; i++)
        {
            var p = corpus.Protein(i);
            p.CopyTo(stream.AsSpan(at));
            at += p.Length;
            stream[at++] = ProteinTokenizer.Eos;
        }
        return stream;
    }

    /// <inheritdoc/>
    public ProteinBatch Next(SplitMix64 rng)
    {
        var batch = ProteinBatch.Empty(_rows, _length);
        for (int r = 0; r < _rows; r++)
            WriteWindow(batch, r, _stream, rng.NextInt(_stream.Length - _length + 1));
        MlmMasker.Apply(batch.Tokens, batch.Labels, _masking, rng);
        return batch;
    }

    /// <summary>Copies <c>stream[start .. start + L)</c> (or what is left of it) into row <paramref name="row"/>.</summary>
    internal static void WriteWindow(ProteinBatch batch, int row, byte[] stream, int start)
    {
        int L = batch.Length, n = Math.Min(L, stream.Length - start);
        for (int j = 0; j < n; j++)
        {
            batch.Tokens[row * L + j] = stream[start + j];
            batch.Padding[row * L + j] = false;
        }
    }

    /// <inheritdoc/>
    public JsonNode? SaveState() => null;

    /// <inheritdoc/>
    public void LoadState(JsonNode? state) { }
}
