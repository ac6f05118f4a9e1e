using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// Baseline: the Cayley map Q = (I − K)⁻¹(I + K), K = tril(A, −1) − tril(A, −1)ᵀ skew-symmetric (I − K is always
/// invertible). Reaches the matrices of SO(N) without eigenvalue −1. Q·X = (I − K)⁻¹(X + KX), one dense solve.
/// </summary>
public sealed class CayleyMap : SkewGeneratorMap
{
    /// <inheritdoc/>
    public override OrthogonalMapKind Kind => OrthogonalMapKind.Cayley;
    /// <inheritdoc/>
    public override string Name => "cayley";

    /// <inheritdoc/>
    public override Tensor Apply(Tensor parameters, Tensor x)
    {
        Validate(parameters);
        long n = parameters.shape[^1];
        Reflections.ValidateOperand(parameters, x, n);
        using var scope = NewDisposeScope();
        var k = Reflections.Skew(parameters);
        var i = eye(n, dtype: parameters.dtype, device: parameters.device);
        return linalg.solve(i - k, x + matmul(k, x)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor Materialize(Tensor parameters, long columns = 0)
    {
        Validate(parameters);
        long n = parameters.shape[^1];
        long m = Reflections.CheckColumns(columns, n);
        using var scope = NewDisposeScope();
        var k = Reflections.Skew(parameters);
        var i = eye(n, dtype: parameters.dtype, device: parameters.device);
        var rhs = i + k;
        if (m < n) rhs = rhs.narrow(-1, 0, m);
        return linalg.solve(i - k, rhs).MoveToOuterDisposeScope();
    }
}
