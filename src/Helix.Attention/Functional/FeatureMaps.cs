using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>
/// Feature maps φ for random-feature attention. Inputs x are per-head queries or keys [.., L, d]; outputs are
/// features [.., L, m'] so that φ(q)·φ(k) estimates (or defines) the attention kernel. Data is scaled by d^(-1/4)
/// first, so the estimated kernel is exp(q·k/√d). Rows where <c>keep</c> is false (padded keys) are exactly zero.
/// </summary>
public static class FeatureMaps
{
    /// <summary>Exponents above this are clamped (only reachable without a stabilizer), so features stay finite.</summary>
    const double MaxExponent = 80;

    /// <summary>Positive softmax features exp(w·x − |x|²/2 − c)/√m (FAVOR+).</summary>
    /// <param name="x">Queries or keys [.., L, d].</param>
    /// <param name="projection">Random projection W [m, d].</param>
    /// <param name="stabilizer">Which constant c is subtracted (see <see cref="FeatureStabilizer"/>).</param>
    /// <param name="keep">Optional bool [.., L]: false rows (padded keys) become zero and are ignored by the stabilizer.</param>
    public static Tensor SoftmaxPositive(Tensor x, Tensor projection, FeatureStabilizer stabilizer, Tensor? keep = null)
    {
        using var scope = NewDisposeScope();
        var (u, half) = ProjectAndHalfNorm(x, projection);
        var exponent = u - half;
        var phi = (exponent - Shift(exponent, stabilizer, keep)).clamp_max(MaxExponent).exp() / Math.Sqrt(projection.shape[0]);
        return ZeroPadded(phi, keep).MoveToOuterDisposeScope();
    }

    /// <summary>Hyperbolic positive features [exp(w·x − |x|²/2 − c), exp(−w·x − |x|²/2 − c)]/√(2m): 2m features, lower variance for some inputs.</summary>
    public static Tensor SoftmaxHyperbolic(Tensor x, Tensor projection, FeatureStabilizer stabilizer, Tensor? keep = null)
    {
        using var scope = NewDisposeScope();
        var (u, half) = ProjectAndHalfNorm(x, projection);
        var exponent = cat(new[] { u - half, -u - half }, -1);
        var phi = (exponent - Shift(exponent, stabilizer, keep)).clamp_max(MaxExponent).exp() / Math.Sqrt(2.0 * projection.shape[0]);
        return ZeroPadded(phi, keep).MoveToOuterDisposeScope();
    }

    /// <summary>Trigonometric features exp(|x|²/2 − c)[sin(w·x), cos(w·x)]/√m (the original FAVOR; can be negative).</summary>
    public static Tensor Trigonometric(Tensor x, Tensor projection, FeatureStabilizer stabilizer, Tensor? keep = null)
    {
        using var scope = NewDisposeScope();
        var (u, half) = ProjectAndHalfNorm(x, projection);
        var scale = (half - Shift(half, stabilizer, keep)).clamp_max(MaxExponent).exp() / Math.Sqrt(projection.shape[0]);
        var phi = cat(new[] { u.sin() * scale, u.cos() * scale }, -1);
        return ZeroPadded(phi, keep).MoveToOuterDisposeScope();
    }

    /// <summary>Generalized-kernel features f(W x') or f(x'), x' = x·d^(-1/4), with f elementwise (ReLU, ELU+1, user function).</summary>
    /// <param name="x">Queries or keys [.., L, d].</param>
    /// <param name="projection">W [m, d], or null to apply f to the data itself (m' = d).</param>
    /// <param name="f">Elementwise, non-negative feature function.</param>
    /// <param name="keep">Optional bool [.., L]: false rows become zero.</param>
    public static Tensor Generalized(Tensor x, Tensor? projection, Func<Tensor, Tensor> f, Tensor? keep = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        using var scope = NewDisposeScope();
        var scaled = x * Math.Pow(x.shape[^1], -0.25);
        var u = projection is null ? scaled : scaled.matmul(projection.t());
        return ZeroPadded(f(u), keep).MoveToOuterDisposeScope();
    }

    /// <summary>ReLU(u) + 1e-3: the Performer's generalized ReLU kernel (the ε keeps denominators positive).</summary>
    public static Tensor ReluKernel(Tensor u) => nn.functional.relu(u) + 1e-3;

    /// <summary>ELU(u) + 1 (linear-transformer kernel), always positive.</summary>
    public static Tensor EluPlusOneKernel(Tensor u) => nn.functional.elu(u, 1.0) + 1.0;

    /// <summary>u = W x' and |x'|²/2 with x' = x·d^(-1/4).</summary>
    static (Tensor U, Tensor Half) ProjectAndHalfNorm(Tensor x, Tensor projection)
    {
        var scaled = x * Math.Pow(x.shape[^1], -0.25);
        var u = scaled.matmul(projection.t());
        var half = scaled.square().sum(-1, keepdim: true) * 0.5;
        return (u, half);
    }

    /// <summary>The stabilizing constant, detached: it cancels in the attention output, so it carries no gradient.</summary>
    static Tensor Shift(Tensor exponent, FeatureStabilizer stabilizer, Tensor? keep)
    {
        using var noGrad = no_grad();
        switch (stabilizer)
        {
            case FeatureStabilizer.None:
                return zeros(1, dtype: exponent.dtype, device: exponent.device);
            case FeatureStabilizer.PerRow:
                return exponent.amax(new long[] { -1 }, keepdim: true).detach();
            case FeatureStabilizer.PerSequence:
                var e = keep is null ? exponent : exponent.masked_fill(keep.logical_not().unsqueeze(-1), double.NegativeInfinity);
                var max = e.amax(new long[] { -2, -1 }, keepdim: true);
                // A fully padded sequence has max −∞; its features are zeroed anyway.
                return max.nan_to_num(0, 0, 0).detach();
            default:
                throw new ArgumentOutOfRangeException(nameof(stabilizer), stabilizer, "unknown stabilizer");
        }
    }

    static Tensor ZeroPadded(Tensor phi, Tensor? keep) =>
        keep is null ? phi : phi * keep.unsqueeze(-1).to_type(phi.dtype);
}
