using Helix.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// A linear layer y = x Wᵀ + b whose weight W (out × in, out ≥ in) has orthonormal columns: square layers are
/// orthogonal, tall ones are Stiefel frames (T-CWY). Children: <c>weight</c> (an <see cref="OrthogonalWeight"/>, whose
/// parameter is <c>weight.original</c>) and <c>bias</c>. The forward pass applies Q without forming it for CWY.
/// </summary>
public sealed class OrthogonalLinear : nn.Module<Tensor, Tensor>
{
    readonly OrthogonalWeight weight;
    readonly Parameter? bias;

    /// <summary>Creates the layer; parameters are drawn from <paramref name="seed"/>, the bias starts at zero.</summary>
    public OrthogonalLinear(long inFeatures, long outFeatures, bool hasBias = true, OrthogonalMapKind kind = OrthogonalMapKind.Cwy,
        long seed = 0, ScalarType dtype = ScalarType.Float32) : base(nameof(OrthogonalLinear))
    {
        TensorGuard.Positive(inFeatures, nameof(inFeatures));
        TensorGuard.Positive(outFeatures, nameof(outFeatures));
        if (outFeatures < inFeatures)
            throw new ArgumentException($"an orthogonal linear layer must be square or tall (out ≥ in), got in = {inFeatures}, out = {outFeatures}", nameof(outFeatures));
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        weight = new OrthogonalWeight(outFeatures, inFeatures, kind, seed: seed, dtype: dtype);
        if (hasBias) bias = new Parameter(zeros(outFeatures, dtype: dtype));
        RegisterComponents();
    }

    /// <summary>Input width.</summary>
    public long InFeatures { get; }
    /// <summary>Output width.</summary>
    public long OutFeatures { get; }
    /// <summary>The orthogonal weight module.</summary>
    public OrthogonalWeight Weight => weight;
    /// <summary>The bias, or null.</summary>
    public Parameter? Bias => bias;

    /// <summary>y = x Wᵀ + b for x of shape (…, in).</summary>
    public override Tensor forward(Tensor x)
    {
        TensorGuard.NotNull(x, nameof(x));
        TensorGuard.Dim(x, (int)x.dim() - 1, InFeatures, nameof(x), "features");
        using var scope = NewDisposeScope();
        var flat = x.reshape(-1, InFeatures);
        var y = weight.Apply(flat.T).T;                              // (B, out)
        if (bias is not null) y = y + bias;
        var shape = x.shape.ToArray();
        shape[^1] = OutFeatures;
        return y.reshape(shape).MoveToOuterDisposeScope();
    }
}
