using Helix.Core;
using System.Text.Json.Nodes;
using Helix.Proteins.Masking;
using Helix.Proteins.Tokenization;
using Helix.Training;

namespace Helix.Proteins.Batching;

/// <summary>
/// One protein per row, framed BOS … EOS, padded to L, or cropped to a random window of L when longer. Proteins
/// are visited in shuffled epochs; the epoch's shuffle seed and the cursor are its checkpointed state.
/// </summary>
public sealed class CroppedBatchSource : IBatchSource<ProteinBatch>
{
    readonly TokenizedCorpus _corpus;
    readonly int _rows, _length;
    readonly MaskingOptions _masking;
    int[] _order = Array.Empty<int>();
    ulong _epochSeed;
    int _cursor, _epoch;

    /// <summary>Batches of <paramref name="rows"/> × <paramref name="length"/> from <paramref name="corpus"/>.</summary>
    public CroppedBatchSource(TokenizedCorpus corpus, int rows, int length, MaskingOptions masking)
    {
        if (corpus.Count == 0) throw new ArgumentException("the training corpus is empty");
        if (rows < 1 || length < 3) throw new ArgumentException($"batch size must be ≥ 1 and length ≥ 3, got {rows} × {length}");
        masking.Validate();
        (_corpus, _rows, _length, _masking) = (corpus, rows, length, masking);
    }

    /// <summary>Completed passes over the corpus.</summary>
    public int Epoch => _epoch;

    /// <inheritdoc/>
    public ProteinBatch Next(SplitMix64 rng)
    {
        var batch = ProteinBatch.Empty(_rows, _length);
        for (int r = 0; r < _rows; r++)
        {
            if (_cursor >= _order.Length)
            {
                if (_order.Length > 0) _epoch++;
                _epochSeed = rng.NextUInt64();
                _order = Shuffled(_corpus.Count, _epochSeed);
                _cursor = 0;
            }
            var protein = _corpus.Protein(_order[_cursor++]);
            int excess = RowWriter.FramedLength(protein.Length) - _length;
            RowWriter.WriteFramed(batch, r, protein, excess > 0 ? rng.NextInt(excess + 1) : 0);
        }
        MlmMasker.Apply(batch.Tokens, batch.Labels, _masking, rng);
        return batch;
    }

    static int[] Shuffled(int n, ulong seed)
    {
        var order = Enumerable.Range(0, n).ToArray();
        new SplitMix64(seed).Shuffle(order.AsSpan());
        return order;
    }

    /// <inheritdoc/>
    public JsonNode? SaveState() => new JsonObject
    {
        ["epochSeed"] = _epochSeed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["cursor"] = _cursor, ["epoch"] = _epoch, ["started"] = _order.Length > 0,
    };

    /// <inheritdoc/>
    public void LoadState(JsonNode? state)
    {
        if (state == null) return;
        _epochSeed = ulong.Parse((string)state["epochSeed"]!, System.Globalization.CultureInfo.InvariantCulture);
        _cursor = (int)state["cursor"]!;
        _epoch = (int)state["epoch"]!;
        _order = (bool)state["started"]! ? Shuffled(_corpus.Count, _epochSeed) : Array.Empty<int>();
    }
}
