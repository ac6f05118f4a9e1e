using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// Baseline: Q = exp(K), K = tril(A, −1) − tril(A, −1)ᵀ skew-symmetric (parameters (…, N, N); O(N³) whatever L).
/// Reaches SO(N). Q·X forms Q first.
/// </summary>
public sealed class MatrixExpMap : IOrthogonalMap
{
    /// <inheritdoc/>
    public OrthogonalMapKind Kind => OrthogonalMapKind.MatrixExp;
    /// <inheritdoc/>
    public string Name => "expm";
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
        Reflections.ValidateOperand(parameters, x, parameters.shape[^1]);
        using var scope = NewDisposeScope();
        return matmul(Materialize(parameters), x).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public Tensor Materialize(Tensor parameters, long columns = 0)
    {
        Validate(parameters);
        long n = parameters.shape[^1];
        long m = Reflections.CheckColumns(columns, n);
        using var scope = NewDisposeScope();
        var q = linalg.matrix_exp(Reflections.Skew(parameters));
        if (m < n) q = q.narrow(-1, 0, m);
        return q.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public Tensor Initial(long n, long reflections, long seed, ScalarType dtype = ScalarType.Float32)
        => Reflections.Gaussian(ParameterShape(n, reflections), seed, 1.0 / Math.Sqrt(n), dtype);
}
