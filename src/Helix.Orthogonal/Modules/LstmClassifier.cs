using Helix.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>Baseline for the copying task: one-hot input → LSTM → linear readout. <see cref="HiddenFor"/> picks the
/// hidden size whose parameter count matches an orthogonal RNN's.</summary>
public sealed class LstmClassifier : nn.Module<Tensor, Tensor>, ISequenceClassifier
{
    readonly Embedding input;
    readonly LSTM lstm;
    readonly Linear readout;

    /// <summary>Creates the LSTM with seeded parameters (libtorch's default initialization drawn from a seeded generator).</summary>
    public LstmClassifier(long vocab, long hidden, long classes, long seed = 0) : base(nameof(LstmClassifier))
    {
        TensorGuard.Positive(vocab, nameof(vocab));
        TensorGuard.Positive(hidden, nameof(hidden));
        TensorGuard.Positive(classes, nameof(classes));
        Hidden = hidden;
        input = nn.Embedding(vocab, hidden);
        lstm = nn.LSTM(hidden, hidden, batchFirst: true);
        readout = nn.Linear(hidden, classes);
        RegisterComponents();
        using var generator = new Generator((ulong)Helix.Core.SplitMix64.Combine(seed, 3));
        using (no_grad())
            foreach (var p in parameters())
            {
                double bound = 1.0 / Math.Sqrt(hidden);
                p.copy_(rand(p.shape, generator: generator) * (2 * bound) - bound);
            }
    }

    /// <summary>Hidden size.</summary>
    public long Hidden { get; }

    /// <inheritdoc/>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>Parameters of an LSTM classifier of hidden size <paramref name="hidden"/>.</summary>
    public static long CountFor(long vocab, long hidden, long classes) =>
        vocab * hidden + 4 * hidden * (hidden + hidden) + 8 * hidden + hidden * classes + classes;

    /// <summary>The largest hidden size whose parameter count does not exceed <paramref name="parameters"/> (at least 1).</summary>
    public static long HiddenFor(long parameters, long vocab, long classes)
    {
        long h = 1;
        while (CountFor(vocab, h + 1, classes) <= parameters) h++;
        return h;
    }

    /// <summary>Per-step logits (B, T, C) for tokens (B, T).</summary>
    public override Tensor forward(Tensor tokens)
    {
        TensorGuard.Rank(tokens, 2, nameof(tokens), "(B, T)");
        using var scope = NewDisposeScope();
        var (output, _, _) = lstm.call(input.call(tokens));
        return readout.call(output).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public Tensor Logits(Tensor tokens) => call(tokens);
}
