using Helix.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>Random projection matrices W [m, d] for random-feature attention, drawn from a seeded generator.</summary>
public static class RandomProjections
{
    /// <summary>Draws an m×d projection of the given kind and row norms from <paramref name="seed"/> (same seed, same matrix).</summary>
    public static Tensor Draw(ProjectionKind kind, RowNormKind rowNorms, int m, int d, long seed, ScalarType dtype = ScalarType.Float32)
    {
        TensorGuard.Positive(m, nameof(m));
        TensorGuard.Positive(d, nameof(d));
        using var gen = new Generator((ulong)seed, CPU);
        using var scope = NewDisposeScope();
        // Draw in float64 so a matrix does not depend on the module's dtype beyond the final rounding.
        var w = kind switch
        {
            ProjectionKind.Gaussian => randn(m, d, ScalarType.Float64, generator: gen),
            ProjectionKind.Orthogonal => OrthogonalRows(m, d, gen),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown projection kind"),
        };
        var norms = rowNorms switch
        {
            RowNormKind.Chi when kind == ProjectionKind.Gaussian => null,   // Gaussian rows already have chi(d) norms
            RowNormKind.Chi => randn(m, d, ScalarType.Float64, generator: gen).norm(1, keepdim: true),
            RowNormKind.FixedSqrtD => full(m, 1, Math.Sqrt(d), ScalarType.Float64),
            _ => throw new ArgumentOutOfRangeException(nameof(rowNorms), rowNorms, "unknown row norm kind"),
        };
        if (norms is not null) w = w / w.norm(1, keepdim: true) * norms;
        return w.to_type(dtype).MoveToOuterDisposeScope();
    }

    /// <summary>m unit rows, orthonormal within each block of d: the Q factors of Gaussian d×d blocks (Haar-distributed).</summary>
    static Tensor OrthogonalRows(int m, int d, Generator gen)
    {
        var blocks = new List<Tensor>();
        for (int done = 0; done < m; done += d)
        {
            var g = randn(d, d, ScalarType.Float64, generator: gen);
            var (q, r) = linalg.qr(g);
            // Fixing the signs by diag(R) makes Q exactly Haar-distributed.
            var signs = r.diagonal().sign();
            signs = where(signs == 0, ones_like(signs), signs);
            blocks.Add((q * signs.unsqueeze(0)).t());
        }
        return cat(blocks, 0).narrow(0, 0, m);
    }
}
