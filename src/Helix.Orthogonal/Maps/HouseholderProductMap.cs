using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// Baseline: libtorch's <c>linalg.householder_product</c> (LAPACK orgqr), as PyTorch's own orthogonal
/// parametrization uses it. Vector i is the column of the parameter with its entries above row i ignored and a unit
/// entry at row i (LAPACK's convention), τᵢ = 2/‖vᵢ‖²; a vector can therefore never be zero. Q·X forms Q first.
/// </summary>
public sealed class HouseholderProductMap : ReflectionVectorMap
{
    /// <inheritdoc/>
    public override OrthogonalMapKind Kind => OrthogonalMapKind.HouseholderProduct;
    /// <inheritdoc/>
    public override string Name => "householder-product";

    /// <summary>The reflection vectors this map actually uses: strictly lower part of the parameter plus a unit diagonal.</summary>
    public static Tensor EffectiveVectors(Tensor parameters)
    {
        long n = parameters.shape[^2], l = parameters.shape[^1];
        using var scope = NewDisposeScope();
        return (parameters.tril(-1) + eye(n, l, dtype: parameters.dtype, device: parameters.device)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor Apply(Tensor parameters, Tensor x)
    {
        Validate(parameters);
        Reflections.ValidateOperand(parameters, x, parameters.shape[^2]);
        using var scope = NewDisposeScope();
        return matmul(Materialize(parameters), x).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor Materialize(Tensor parameters, long columns = 0)
    {
        Validate(parameters);
        long n = parameters.shape[^2], l = parameters.shape[^1];
        long m = Reflections.CheckColumns(columns, n);
        using var scope = NewDisposeScope();
        var v = EffectiveVectors(parameters);
        var tau = 2.0 / (v * v).sum(-2);                                  // (…, L)
        long width = Math.Max(m, l);
        if (width > l) v = nn.functional.pad(v, [0, width - l]);          // orgqr needs ≥ L columns
        var q = linalg.householder_product(v, tau);
        if (width > m) q = q.narrow(-1, 0, m);
        return q.MoveToOuterDisposeScope();
    }
}
