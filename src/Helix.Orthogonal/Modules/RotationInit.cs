using Helix.Core;
using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>Parameters for which a map gives the block-diagonal rotation start of <see cref="RecurrentInit.Rotations"/>.</summary>
internal static class RotationInit
{
    /// <summary>Parameters of <paramref name="kind"/> for an N×N Q made of 2×2 rotations by θₖ uniform in (−π, π), one per
    /// coordinate pair (2k, 2k + 1); with odd N (or leftover reflections) the last coordinate is reflected (−1).</summary>
    public static Tensor Parameters(OrthogonalMapKind kind, long n, long reflections, long seed, ScalarType dtype)
    {
        var rng = new SplitMix64((ulong)seed);
        var data = new double[n * (kind is OrthogonalMapKind.Cwy or OrthogonalMapKind.Householder ? reflections : n)];
        switch (kind)
        {
            case OrthogonalMapKind.Cwy:
            case OrthogonalMapKind.Householder:
            {
                // Column c of the (N, L) parameter is reflection vector c; v₂ₖ = e₂ₖ, v₂ₖ₊₁ = cos φ e₂ₖ + sin φ e₂ₖ₊₁,
                // scaled to norm √N like the Gaussian start, so that Adam's per-coordinate steps turn them as slowly.
                long l = reflections, c = 0;
                double r = Math.Sqrt(n);
                for (long k = 0; 2 * k + 1 < n && c + 1 < l; k++, c += 2)
                {
                    double phi = (rng.NextDouble() - 0.5) * Math.PI;
                    data[2 * k * l + c] = r;
                    data[2 * k * l + c + 1] = r * Math.Cos(phi);
                    data[(2 * k + 1) * l + c + 1] = r * Math.Sin(phi);
                }
                for (long row = n - 1; c < l; c++, row--) data[Math.Max(row, 0) * l + c] = r;  // leftover: plain reflections
                using var t = tensor(data, dtype: ScalarType.Float64);
                return t.reshape(n, l).to_type(dtype);
            }
            case OrthogonalMapKind.MatrixExp:
            case OrthogonalMapKind.Cayley:
            {
                // K = tril(A, −1) − tril(A, −1)ᵀ; A[2k+1, 2k] = a gives the block [[0, −a], [a, 0]]: exp → rotation by a,
                // Cayley (I − K)⁻¹(I + K) → rotation by 2·atan(a).
                for (long k = 0; 2 * k + 1 < n; k++)
                {
                    double theta = (rng.NextDouble() - 0.5) * 2 * Math.PI * 0.98;
                    data[(2 * k + 1) * n + 2 * k] = kind == OrthogonalMapKind.MatrixExp ? theta : Math.Tan(theta / 2);
                }
                using var t = tensor(data, dtype: ScalarType.Float64);
                return t.reshape(n, n).to_type(dtype);
            }
            default:
                throw new ArgumentException($"the {kind} map cannot start from block rotations (its vectors have a fixed unit entry); use {nameof(RecurrentInit.Random)}", nameof(kind));
        }
    }
}
