using Helix.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// The orthogonal RNN of the CWY paper: h_t = modReLU(Q h_{t−1} + W x_t, b), logits_t = V h_t + c, with Q orthogonal
/// from an <see cref="IOrthogonalMap"/> (CWY by default) computed once per forward pass. Because Q preserves norms,
/// gradients through time neither explode nor vanish from the recurrence. Children (state-dict keys):
/// <c>input</c> (W as an embedding of the one-hot input, vocab × hidden), <c>recurrent</c> (Q, key
/// <c>recurrent.original</c>), <c>bias</c> (the modReLU bias b) and <c>readout</c> (V, c).
/// </summary>
public sealed class OrthogonalRnn : nn.Module<Tensor, Tensor>, ISequenceClassifier
{
    readonly Embedding input;
    readonly OrthogonalWeight recurrent;
    readonly Parameter bias;
    readonly Linear readout;

    /// <summary>Creates the RNN with seeded parameters.</summary>
    /// <param name="vocab">Input symbols (one-hot inputs).</param>
    /// <param name="hidden">Hidden size N.</param>
    /// <param name="classes">Output classes.</param>
    /// <param name="kind">The map of Q.</param>
    /// <param name="reflections">L for the Householder family (default N).</param>
    /// <param name="seed">Seed of every initial weight.</param>
    /// <param name="init">The start of Q: the map's random one, or Henaff's block rotations.</param>
    public OrthogonalRnn(long vocab, long hidden, long classes, OrthogonalMapKind kind = OrthogonalMapKind.Cwy,
        long? reflections = null, long seed = 0, RecurrentInit init = RecurrentInit.Random) : base(nameof(OrthogonalRnn))
    {
        TensorGuard.Positive(vocab, nameof(vocab));
        TensorGuard.Positive(hidden, nameof(hidden));
        TensorGuard.Positive(classes, nameof(classes));
        Vocab = vocab;
        Hidden = hidden;
        Classes = classes;
        var generator = new Generator((ulong)Helix.Core.SplitMix64.Combine(seed, 1));
        input = nn.Embedding(vocab, hidden);
        readout = nn.Linear(hidden, classes);
        using (no_grad())
        {
            input.weight!.copy_(randn(vocab, hidden, generator: generator) * (1.0 / Math.Sqrt(vocab)));
            double bound = 1.0 / Math.Sqrt(hidden);
            readout.weight!.copy_((rand(classes, hidden, generator: generator) * (2 * bound) - bound) * 0.1);
            readout.bias!.zero_();
        }
        recurrent = new OrthogonalWeight(hidden, hidden, kind, reflections, Helix.Core.SplitMix64.Combine(seed, 2));
        if (!Enum.IsDefined(init)) throw new ArgumentOutOfRangeException(nameof(init), init, "unknown recurrent init");
        if (init == RecurrentInit.Rotations)
            using (no_grad())
            using (var start = RotationInit.Parameters(kind, hidden, recurrent.Original.shape[^1], Helix.Core.SplitMix64.Combine(seed, 3), recurrent.Original.dtype))
                recurrent.Original.copy_(start);
        Init = init;
        bias = new Parameter(zeros(hidden));
        using (no_grad()) bias.copy_(rand(hidden, generator: generator) * 0.02 - 0.01);
        generator.Dispose();
        RegisterComponents();
    }

    /// <summary>Input symbols.</summary>
    public long Vocab { get; }
    /// <summary>How Q started.</summary>
    public RecurrentInit Init { get; }
    /// <summary>Hidden size.</summary>
    public long Hidden { get; }
    /// <summary>Output classes.</summary>
    public long Classes { get; }
    /// <summary>The recurrent orthogonal weight Q.</summary>
    public OrthogonalWeight Recurrent => recurrent;
    /// <summary>The modReLU bias b.</summary>
    public Parameter Bias => bias;

    /// <inheritdoc/>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>One step: h_t = modReLU(h_{t−1} Qᵀ + u_t, b) for h (B, N) and the input term u_t = W x_t (B, N).</summary>
    public static Tensor Step(Tensor q, Tensor h, Tensor inputTerm, Tensor modBias) => ModRelu.Apply(matmul(h, q.T) + inputTerm, modBias);

    /// <summary>Per-step logits (B, T, C) for tokens (B, T) (int64 in [0, vocab)), starting from h₀ = 0.</summary>
    public override Tensor forward(Tensor tokens)
    {
        TensorGuard.Rank(tokens, 2, nameof(tokens), "(B, T)");
        if (tokens.dtype != ScalarType.Int64) throw new ArgumentException($"tokens must be int64, got {tokens.dtype}", nameof(tokens));
        using var scope = NewDisposeScope();
        long b = tokens.shape[0], t = tokens.shape[1];
        var u = input.call(tokens).transpose(0, 1).contiguous();    // (T, B, N): each step reads a contiguous slice
        var qT = recurrent.Weight.T;                                  // once per forward pass
        var h = zeros(b, Hidden, dtype: u.dtype);
        var states = new Tensor[t];
        for (long i = 0; i < t; i++)
        {
            h = ModRelu.Apply(addmm(u[i], h, qT, 1, 1), bias);            // u_t + h Qᵀ in one op
            states[i] = h;
        }
        return readout.call(stack(states, 1)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public Tensor Logits(Tensor tokens) => call(tokens);
}
