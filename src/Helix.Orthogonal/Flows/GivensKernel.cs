using System.Numerics;

namespace Helix.Orthogonal;

/// <summary>
/// The O(d²) core of a Givens flow on one matrix Z, row-major. The d coordinates are either Z's columns (a square
/// orthogonal X = Z, rotated from the right) or Z's rows (a Stiefel X of shape d×k whose columns are orthonormal,
/// rotated from the left, i.e. Z = X acting on Xᵀ's columns). Only the Ω entries of the matched pairs are computed.
/// </summary>
internal static class GivensKernel
{
    /// <summary>Ω_e = ½ Σ_r (z[r,i] g[r,j] − z[r,j] g[r,i]) for each pair e = (i, j), with z[r, i] the r-th entry of coordinate i.
    /// Pre: z and g have <paramref name="other"/>·d entries; pairs holds 2·count distinct indices &lt; d.</summary>
    public static void OmegaEntries<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> g, int d, int other, bool columns,
        ReadOnlySpan<int> pairs, int count, Span<double> omega) where T : unmanaged, IFloatingPointIeee754<T>
    {
        omega[..count].Clear();
        if (columns)
        {
            for (int r = 0; r < other; r++)
            {
                var zr = z.Slice(r * d, d);
                var gr = g.Slice(r * d, d);
                for (int e = 0; e < count; e++)
                {
                    int i = pairs[2 * e], j = pairs[2 * e + 1];
                    omega[e] += double.CreateTruncating(zr[i] * gr[j] - zr[j] * gr[i]);
                }
            }
        }
        else
        {
            for (int e = 0; e < count; e++)
            {
                var zi = z.Slice(pairs[2 * e] * other, other);
                var zj = z.Slice(pairs[2 * e + 1] * other, other);
                var gi = g.Slice(pairs[2 * e] * other, other);
                var gj = g.Slice(pairs[2 * e + 1] * other, other);
                double s = 0;
                for (int r = 0; r < other; r++) s += double.CreateTruncating(zi[r] * gj[r] - zj[r] * gi[r]);
                omega[e] = s;
            }
        }
        for (int e = 0; e < count; e++) omega[e] *= 0.5;
    }

    /// <summary>Z ← Z·exp(A) with A supported on the pairs, A_ij = angle_e, A_ji = −angle_e: for every r,
    /// (z_i, z_j) ← (z_i cos a − z_j sin a, z_i sin a + z_j cos a). The rotations are disjoint, so they commute.</summary>
    public static void Rotate<T>(Span<T> z, int d, int other, bool columns, ReadOnlySpan<int> pairs, int count,
        ReadOnlySpan<double> angles, Span<double> cos, Span<double> sin) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int e = 0; e < count; e++) { cos[e] = Math.Cos(angles[e]); sin[e] = Math.Sin(angles[e]); }
        if (columns)
        {
            for (int r = 0; r < other; r++)
            {
                var zr = z.Slice(r * d, d);
                for (int e = 0; e < count; e++)
                {
                    int i = pairs[2 * e], j = pairs[2 * e + 1];
                    T c = T.CreateTruncating(cos[e]), s = T.CreateTruncating(sin[e]);
                    T a = zr[i], b = zr[j];
                    zr[i] = a * c - b * s;
                    zr[j] = a * s + b * c;
                }
            }
        }
        else
        {
            for (int e = 0; e < count; e++)
            {
                var zi = z.Slice(pairs[2 * e] * other, other);
                var zj = z.Slice(pairs[2 * e + 1] * other, other);
                T c = T.CreateTruncating(cos[e]), s = T.CreateTruncating(sin[e]);
                for (int r = 0; r < other; r++)
                {
                    T a = zi[r], b = zj[r];
                    zi[r] = a * c - b * s;
                    zj[r] = a * s + b * c;
                }
            }
        }
    }
}
