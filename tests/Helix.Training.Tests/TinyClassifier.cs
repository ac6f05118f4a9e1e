using Helix.Core;
using System.Text.Json.Nodes;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Training.Tests;

/// <summary>A two-layer classifier with dropout: small enough for exact-resume tests, random enough to need every RNG restored.</summary>
internal sealed class TinyClassifier : nn.Module<Tensor, Tensor>
{
    readonly Linear fc1;
    readonly Dropout drop;
    readonly Linear fc2;

    public TinyClassifier() : base(nameof(TinyClassifier))
    {
        fc1 = nn.Linear(8, 16);
        drop = nn.Dropout(0.2);
        fc2 = nn.Linear(16, 4);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return fc2.call(drop.call(nn.functional.relu(fc1.call(x)))).MoveToOuterDisposeScope();
    }

    public static BatchResult Loss(TinyClassifier model, Batch b, bool training)
    {
        var x = tensor(b.X, new long[] { b.Labels.Length, 8 });
        var y = tensor(b.Labels);
        var logits = model.call(x);
        var loss = nn.functional.cross_entropy(logits, y);
        long correct = logits.argmax(1).eq(y).sum().item<long>();
        return new BatchResult(loss, correct, b.Labels.Length, b.Labels.Length);
    }
}

/// <summary>A batch of 8-dimensional points and their classes.</summary>
internal sealed record Batch(float[] X, long[] Labels);

/// <summary>
/// A fixed synthetic data set walked in shuffled epochs: the cursor and the epoch's order are state that must be
/// checkpointed for an exact resume.
/// </summary>
internal sealed class SyntheticSource : IBatchSource<Batch>
{
    readonly float[][] _points;
    readonly long[] _labels;
    int[] _order = Array.Empty<int>();
    int _cursor;
    public int BatchSize { get; init; } = 6;

    public SyntheticSource(int count, ulong seed)
    {
        var rng = new SplitMix64(seed);
        _points = new float[count][];
        _labels = new long[count];
        for (int i = 0; i < count; i++)
        {
            _points[i] = Enumerable.Range(0, 8).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            _labels[i] = (_points[i][0] > 0 ? 1 : 0) + (_points[i][1] > 0 ? 2 : 0);
        }
    }

    public Batch Next(SplitMix64 rng)
    {
        var x = new float[BatchSize * 8];
        var y = new long[BatchSize];
        for (int b = 0; b < BatchSize; b++)
        {
            if (_cursor >= _order.Length)
            {
                _order = Enumerable.Range(0, _points.Length).ToArray();
                rng.Shuffle(_order.AsSpan());
                _cursor = 0;
            }
            int i = _order[_cursor++];
            _points[i].CopyTo(x, b * 8);
            y[b] = _labels[i];
        }
        return new Batch(x, y);
    }

    public IEnumerable<Batch> All()
    {
        for (int s = 0; s + BatchSize <= _points.Length; s += BatchSize)
            yield return new Batch(_points.Skip(s).Take(BatchSize).SelectMany(p => p).ToArray(), _labels.Skip(s).Take(BatchSize).ToArray());
    }

    public JsonNode? SaveState() => new JsonObject { ["order"] = new JsonArray(_order.Select(i => (JsonNode)i).ToArray()), ["cursor"] = _cursor };

    public void LoadState(JsonNode? state)
    {
        _order = state!["order"]!.AsArray().Select(n => (int)n!).ToArray();
        _cursor = (int)state["cursor"]!;
    }
}
