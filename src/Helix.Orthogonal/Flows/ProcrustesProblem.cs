using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// Orthogonal Procrustes: minimize ‖XA − B‖²_F over X ∈ O(n), with A, B random n×m (seeded). The optimum is
/// X* = UVᵀ for B Aᵀ = U Σ Vᵀ, f* = ‖A‖² + ‖B‖² − 2 tr Σ. The start has det X* (flows stay in their component of O(n)).
/// </summary>
public sealed class ProcrustesProblem : IOrthogonalProblem
{
    readonly Tensor _a, _b;
    readonly double _start;

    /// <summary>Creates a problem of size n with m = n columns in A and B.</summary>
    public ProcrustesProblem(int n, long seed, ScalarType dtype = ScalarType.Float64)
    {
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be ≥ 2");
        using var g = new Generator((ulong)seed);
        _a = randn(new long[] { n, n }, dtype: ScalarType.Float64, generator: g) / Math.Sqrt(n);
        _b = randn(new long[] { n, n }, dtype: ScalarType.Float64, generator: g) / Math.Sqrt(n);
        var (u, s, vh) = linalg.svd(matmul(_b, _a.T));
        Optimum = (_a.square().sum() + _b.square().sum() - 2 * s.sum()).item<double>();
        Shape = (n, n);
        // Rotations never change det X, so the start lies in the component of X* = UVᵀ (same determinant).
        var start = RandomOrthogonal.Draw(n, n, seed + 1, ScalarType.Float64);
        if (linalg.det(start).item<double>() * linalg.det(matmul(u, vh)).item<double>() < 0) start[.., 0] = -start[.., 0];
        Start = start.to_type(dtype).contiguous();
        _a = _a.to_type(dtype);
        _b = _b.to_type(dtype);
        _start = Value(Start);
    }

    /// <inheritdoc/>
    public (int N, int K) Shape { get; }
    /// <inheritdoc/>
    public double Optimum { get; }
    /// <inheritdoc/>
    public Tensor Start { get; }
    /// <inheritdoc/>
    public Tensor Loss(Tensor x) => (matmul(x, _a) - _b).square().sum();
    /// <inheritdoc/>
    public double RelativeError(Tensor x) => (Value(x) - Optimum) / (_start - Optimum);

    double Value(Tensor x)
    {
        using var scope = NewDisposeScope();
        using var ng = no_grad();
        return Loss(x.detach().to_type(ScalarType.Float64).to_type(_a.dtype)).to_type(ScalarType.Float64).item<double>();
    }
}
