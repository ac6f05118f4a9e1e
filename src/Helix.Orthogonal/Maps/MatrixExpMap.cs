using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// Baseline: Q = exp(K), K = tril(A, −1) − tril(A, −1)ᵀ skew-symmetric (parameters (…, N, N); O(N³) whatever L).
/// Reaches SO(N). Q·X forms Q first.
/// </summary>
public sealed class MatrixExpMap : SkewGeneratorMap
{
    /// <inheritdoc/>
    public override OrthogonalMapKind Kind => OrthogonalMapKind.MatrixExp;
    /// <inheritdoc/>
    public override string Name => "expm";

    /// <inheritdoc/>
    public override Tensor Apply(Tensor parameters, Tensor x)
    {
        Validate(parameters);
        Reflections.ValidateOperand(parameters, x, parameters.shape[^1]);
        using var scope = NewDisposeScope();
        return matmul(Materialize(parameters), x).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor Materialize(Tensor parameters, long columns = 0)
    {
        Validate(parameters);
        long n = parameters.shape[^1];
        long m = Reflections.CheckColumns(columns, n);
        using var scope = NewDisposeScope();
        var q = linalg.matrix_exp(Reflections.Skew(parameters));
        if (m < n) q = q.narrow(-1, 0, m);
        return q.MoveToOuterDisposeScope();
    }
}
