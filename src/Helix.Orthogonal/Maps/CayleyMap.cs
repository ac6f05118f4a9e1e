using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// Baseline: the Cayley map Q = (I − K)⁻¹(I + K), K = tril(A, −1) − tril(A, −1)ᵀ skew-symmetric (I − K is always
/// invertible). Reaches the matrices of SO(N) without eigenvalue −1. Q·X = (I − K)⁻¹(X + KX), one dense solve.
/// </summary>
public sealed class CayleyMap : IOrthogonalMap
{
    /// <inheritdoc/>
    public OrthogonalMapKind Kind => OrthogonalMapKind.Cayley;
    /// <inheritdoc/>
    public string Name => "cayley";
    /// <inheritdoc/>
    public long[] ParameterShape(long n, long reflections) => [n, n];
    /// <inheritdoc/>
    public void Validate(Tensor parameters) => Reflections.ValidateSquare(parameters);
    /// <inheritdoc/>
    public long Size(Tensor parameters) { Validate(parameters); return parameters.shape[^1]; }

    /// <inheritdoc/>
    public Tensor Apply(Tensor parameters, Tensor x)
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
    public Tensor Materialize(Tensor parameters, long columns = 0)
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

    /// <inheritdoc/>
    public Tensor Initial(long n, long reflections, long seed, ScalarType dtype = ScalarType.Float32)
        => Reflections.Gaussian(ParameterShape(n, reflections), seed, 1.0 / Math.Sqrt(n), dtype);
}
