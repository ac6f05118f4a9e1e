using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// The compact-WY (CWY) map: Q = H(v₁)···H(v_L) = I − U S⁻¹ Uᵀ, where U holds the normalized reflection vectors as
/// columns and S = ½I + striu(UᵀU) is upper triangular (one Gram matmul gives it). Q·X = X − U(S⁻¹(UᵀX)) costs two
/// matmuls and one L×L triangular solve and never forms Q. The first M columns (T-CWY, a point of St(N, M)) are
/// [I_M; 0] − U S⁻¹ U₁ᵀ with U₁ the top M rows of U: linear in N, so very tall frames (30000×50) are cheap.
/// Zero or near-zero vectors are skipped (identity reflection, zero gradient); L &gt; N is an error.
/// </summary>
public sealed class CwyMap : ReflectionVectorMap
{
    /// <inheritdoc/>
    public override OrthogonalMapKind Kind => OrthogonalMapKind.Cwy;
    /// <inheritdoc/>
    public override string Name => "cwy";

    /// <inheritdoc/>
    public override Tensor Apply(Tensor parameters, Tensor x)
    {
        Validate(parameters);
        Reflections.ValidateOperand(parameters, x, parameters.shape[^2]);
        using var scope = NewDisposeScope();
        var u = Reflections.Normalize(parameters);
        var s = Reflections.CwyS(u);
        var w = matmul(u.transpose(-2, -1), x);
        var y = linalg.solve_triangular(s, w, upper: true);
        return (x - matmul(u, y)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor Materialize(Tensor parameters, long columns = 0)
    {
        Validate(parameters);
        long n = parameters.shape[^2];
        long m = Reflections.CheckColumns(columns, n);
        using var scope = NewDisposeScope();
        var u = Reflections.Normalize(parameters);
        var s = Reflections.CwyS(u);
        var top = u.narrow(-2, 0, m).transpose(-2, -1);              // U₁ᵀ (…, L, M)
        var y = linalg.solve_triangular(s, top, upper: true);         // S⁻¹ U₁ᵀ
        return (Reflections.Frame(n, m, parameters) - matmul(u, y)).MoveToOuterDisposeScope();
    }

    /// <summary>T-CWY: the N×M Stiefel frame of M reflections (parameters (…, N, M)), the first M columns of Q.</summary>
    public Tensor Stiefel(Tensor parameters)
    {
        Validate(parameters);
        return Materialize(parameters, parameters.shape[^1]);
    }
}
