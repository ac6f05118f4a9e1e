using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// Brockett cost on St(n, k): minimize f(X) = −tr(XᵀCXN) with C symmetric (seeded) and N = diag(k, k−1, …, 1). The
/// optimum puts the eigenvectors of C's k largest eigenvalues in order in the columns; f* = −Σᵢ Nᵢᵢ λᵢ.
/// </summary>
public sealed class BrockettProblem : IOrthogonalProblem
{
    readonly Tensor _c, _nDiag;
    readonly double _start;

    /// <summary>Creates a problem with an n×n matrix C and k columns.</summary>
    public BrockettProblem(int n, int k, long seed, ScalarType dtype = ScalarType.Float64)
    {
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be ≥ 2");
        if (k < 1 || k > n) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be between 1 and n");
        using var g = new Generator((ulong)seed);
        var a = randn(new long[] { n, n }, dtype: ScalarType.Float64, generator: g) / Math.Sqrt(n);
        _c = (a + a.T) * 0.5;
        _nDiag = arange(k, 0, -1, dtype: ScalarType.Float64);
        var eig = linalg.eigvalsh(_c).flip(0).narrow(0, 0, k);          // largest first
        Optimum = -(eig * _nDiag).sum().item<double>();
        Shape = (n, k);
        Start = RandomOrthogonal.Draw(n, k, seed + 1, dtype);
        _c = _c.to_type(dtype);
        _nDiag = _nDiag.to_type(dtype);
        _start = Value(Start);
    }

    /// <inheritdoc/>
    public (int N, int K) Shape { get; }
    /// <inheritdoc/>
    public double Optimum { get; }
    /// <inheritdoc/>
    public Tensor Start { get; }
    /// <summary>The leading k eigenvectors (columns, largest eigenvalue first), for checks.</summary>
    public Tensor Eigenvectors()
    {
        var (_, v) = linalg.eigh(_c.to_type(ScalarType.Float64));
        return v.flip(1).narrow(1, 0, Shape.K);
    }
    /// <inheritdoc/>
    public Tensor Loss(Tensor x) => -(matmul(matmul(x.T, _c), x).diagonal() * _nDiag).sum();
    /// <inheritdoc/>
    public double RelativeError(Tensor x) => (Value(x) - Optimum) / (_start - Optimum);

    double Value(Tensor x)
    {
        using var scope = NewDisposeScope();
        using var ng = no_grad();
        return Loss(x.detach().to_type(_c.dtype)).to_type(ScalarType.Float64).item<double>();
    }
}
