using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// Baseline: Q = H(v₁)···H(v_L) applied as L sequential rank-1 updates X ← X − 2u(uᵀX), as a naive implementation
/// does (L small kernels forward and backward). Same parameters and the same Q as <see cref="CwyMap"/>.
/// </summary>
public sealed class SequentialHouseholderMap : ReflectionVectorMap
{
    /// <inheritdoc/>
    public override OrthogonalMapKind Kind => OrthogonalMapKind.Householder;
    /// <inheritdoc/>
    public override string Name => "householder";

    /// <inheritdoc/>
    public override Tensor Apply(Tensor parameters, Tensor x)
    {
        Validate(parameters);
        Reflections.ValidateOperand(parameters, x, parameters.shape[^2]);
        return Reflect(parameters, x);
    }

    /// <inheritdoc/>
    public override Tensor Materialize(Tensor parameters, long columns = 0)
    {
        Validate(parameters);
        long n = parameters.shape[^2];
        long m = Reflections.CheckColumns(columns, n);
        using var frame = Reflections.Frame(n, m, parameters);
        return Reflect(parameters, frame);
    }

    static Tensor Reflect(Tensor parameters, Tensor x)
    {
        using var scope = NewDisposeScope();
        var u = Reflections.Normalize(parameters);
        long l = u.shape[^1];
        var y = x;
        for (long i = l - 1; i >= 0; i--)
        {
            var ui = u.narrow(-1, i, 1);                                   // (…, N, 1)
            y = y - 2.0 * matmul(ui, matmul(ui.transpose(-2, -1), y));
        }
        return y.MoveToOuterDisposeScope();
    }
}
