using Helix.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// The orthogonal RNN of <see cref="OrthogonalRnn"/> with Q as a plain N×N parameter (<see cref="Recurrent"/>) instead
/// of a parametrization: an <see cref="IOrthogonalOptimizer"/> (a Givens flow, say) keeps it on O(N) while an ordinary
/// optimizer trains the other weights. Q starts as Henaff's block rotations. Same state-dict layout as the orthogonal
/// RNN except <c>recurrent</c>, which holds Q itself.
/// </summary>
public sealed class FlowRnn : nn.Module<Tensor, Tensor>, ISequenceClassifier
{
    readonly Embedding input;
    readonly Parameter recurrent;
    readonly Parameter bias;
    readonly Linear readout;

    /// <summary>Creates the RNN with seeded float32 parameters (a Givens flow re-orthonormalizes Q past its drift threshold).</summary>
    /// <param name="vocab">Input symbols.</param>
    /// <param name="hidden">Hidden size N ≥ 2.</param>
    /// <param name="classes">Output classes.</param>
    /// <param name="seed">Seed of every initial weight.</param>
    public FlowRnn(long vocab, long hidden, long classes, long seed = 0) : base(nameof(FlowRnn))
    {
        TensorGuard.Positive(vocab, nameof(vocab));
        if (hidden < 2) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "the hidden size must be ≥ 2 for rotations");
        TensorGuard.Positive(classes, nameof(classes));
        Hidden = hidden;
        using var template = new OrthogonalRnn(vocab, hidden, classes, OrthogonalMapKind.Cwy, seed: seed, init: RecurrentInit.Rotations);
        input = nn.Embedding(vocab, hidden);
        readout = nn.Linear(hidden, classes);
        using (no_grad())
        {
            input.weight!.copy_(template.get_parameter("input.weight")!);
            readout.weight!.copy_(template.get_parameter("readout.weight")!);
            readout.bias!.copy_(template.get_parameter("readout.bias")!);
            recurrent = new Parameter(template.Recurrent.Weight.detach().clone());
            bias = new Parameter(template.Bias.detach().clone());
        }
        RegisterComponents();
    }

    /// <summary>Hidden size.</summary>
    public long Hidden { get; }
    /// <summary>Q (N×N), for the orthogonal optimizer.</summary>
    public Parameter Recurrent => recurrent;

    /// <summary>Every parameter except Q, for the ordinary optimizer.</summary>
    public IEnumerable<Parameter> OtherParameters() => parameters().Where(p => !ReferenceEquals(p, recurrent) && p.Handle != recurrent.Handle);

    /// <inheritdoc/>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>Per-step logits (B, T, C) for tokens (B, T), from h₀ = 0.</summary>
    public override Tensor forward(Tensor tokens)
    {
        TensorGuard.Rank(tokens, 2, nameof(tokens), "(B, T)");
        using var scope = NewDisposeScope();
        long b = tokens.shape[0], t = tokens.shape[1];
        var u = input.call(tokens).transpose(0, 1).contiguous();
        var qT = recurrent.T;
        var h = zeros(b, Hidden, dtype: u.dtype);
        var states = new Tensor[t];
        for (long i = 0; i < t; i++)
        {
            h = ModRelu.Apply(addmm(u[i], h, qT, 1, 1), bias);
            states[i] = h;
        }
        return readout.call(stack(states, 1)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public Tensor Logits(Tensor tokens) => call(tokens);
}
