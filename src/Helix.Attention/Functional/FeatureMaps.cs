using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>
/// Feature maps φ for random-feature attention. Inputs x are per-head queries or keys [.., L, d]; outputs are
/// features [.., L, m'] so that φ(q)·φ(k) estimates (or defines) the attention kernel. Data is scaled by d^(-1/4)
/// first, so the estimated kernel is exp(q·k/√d). Rows where <c>keep</c> is false (padded keys) are exactly zero.
/// </summary>
public static class FeatureMaps
{
    /// <summary>Exponents are kept at or below this without a data-dependent stabilizer, so features stay finite.</summary>
    const double MaxExponent = 60;

    /// <summary>Positive softmax features exp(w·x − |x|²/2 − c)/√m (FAVOR+).</summary>
    /// <param name="x">Queries or keys [.., L, d].</param>
    /// <param name="projection">Random projection W [m, d].</param>
    /// <param name="stabilizer">Which constant c is subtracted (see <see cref="FeatureStabilizer"/>).</param>
    /// <param name="keep">Optional bool [.., L]: false rows (padded keys) become zero and are ignored by the stabilizer.</param>
    public static Tensor SoftmaxPositive(Tensor x, Tensor projection, FeatureStabilizer stabilizer, Tensor? keep = null)
    {
        using var scope = NewDisposeScope();
        var (scaled, half) = ScaledAndHalfNorm(x);
        var exponent = scaled.matmul(projection.t());
        return PositiveFeatures(exponent, half, projection, 1.0, stabilizer, keep).MoveToOuterDisposeScope();
    }

    /// <summary>Hyperbolic positive features [exp(w·x − |x|²/2 − c), exp(−w·x − |x|²/2 − c)]/√(2m): 2m features, lower variance for some inputs.</summary>
    public static Tensor SoftmaxHyperbolic(Tensor x, Tensor projection, FeatureStabilizer stabilizer, Tensor? keep = null)
    {
        using var scope = NewDisposeScope();
        var (scaled, half) = ScaledAndHalfNorm(x);
        var u = scaled.matmul(projection.t());
        return PositiveFeatures(cat(new[] { u, -u }, -1), half, projection, 2.0, stabilizer, keep).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// exp(exponent − |x|²/2 − c)/√(copies·m), computed in place on <paramref name="exponent"/> (a fresh matmul output
    /// that autograd does not keep): one subtraction and one exp over the [.., L, m'] tensor.
    /// </summary>
    static Tensor PositiveFeatures(Tensor exponent, Tensor half, Tensor projection, double copies, FeatureStabilizer stabilizer, Tensor? keep)
    {
        double logNorm = 0.5 * Math.Log(copies * projection.shape[0]);
        if (keep is not null) exponent.masked_fill_(keep.logical_not().unsqueeze(-1), double.NegativeInfinity);
        exponent.sub_(half);
        // Padded rows are already −∞, so the stabilizer needs no mask.
        using var shift = Shift(exponent, stabilizer, null, stabilizer == FeatureStabilizer.None ? BoundShift(projection) : 0).add_(logNorm);
        return exponent.sub_(shift).exp_();
    }

    /// <summary>Trigonometric features exp(|x|²/2 − c)[sin(w·x), cos(w·x)]/√m (the original FAVOR; can be negative).</summary>
    public static Tensor Trigonometric(Tensor x, Tensor projection, FeatureStabilizer stabilizer, Tensor? keep = null)
    {
        using var scope = NewDisposeScope();
        var (scaled, half) = ScaledAndHalfNorm(x);
        var u = scaled.matmul(projection.t());
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

    /// <summary>x' = x·d^(-1/4) and |x'|²/2 [.., L, 1].</summary>
    static (Tensor Scaled, Tensor Half) ScaledAndHalfNorm(Tensor x)
    {
        var scaled = x * Math.Pow(x.shape[^1], -0.25);
        return (scaled, scaled.square().sum(-1, keepdim: true) * 0.5);
    }

    /// <summary>
    /// The stabilizing constant, detached: it cancels in the attention output, so it carries no gradient.
    /// <paramref name="noneShift"/> is the data-independent constant used for <see cref="FeatureStabilizer.None"/>.
    /// </summary>
    static Tensor Shift(Tensor exponent, FeatureStabilizer stabilizer, Tensor? keep, double noneShift = 0)
    {
        using var noGrad = no_grad();
        switch (stabilizer)
        {
            case FeatureStabilizer.None:
                return full(1, noneShift, dtype: exponent.dtype, device: exponent.device);
            case FeatureStabilizer.PerRow:
                return exponent.amax(new long[] { -1 }, keepdim: true).detach();
            case FeatureStabilizer.PerSequence:
                var e = keep is null ? exponent : exponent.masked_fill(keep.logical_not().unsqueeze(-1), double.NegativeInfinity);
                // A fully padded sequence has max −∞; its features are zeroed anyway.
                return e.amax(new long[] { -2, -1 }, keepdim: true).nan_to_num(0, 0, 0).detach();
            default:
                throw new ArgumentOutOfRangeException(nameof(stabilizer), stabilizer, "unknown stabilizer");
        }
    }

    /// <summary>
    /// w·x − |x|²/2 ≤ |w|²/2 for every x, so subtracting max(0, max_i |w_i|²/2 − 60) bounds positive-feature exponents by
    /// 60 without looking at the data: the same constant for every slice of a sequence.
    /// </summary>
    static double BoundShift(Tensor projection)
    {
        using var scope = NewDisposeScope();
        double maxHalfNorm = projection.square().sum(1).max().to_type(ScalarType.Float64).item<double>() * 0.5;
        return Math.Max(0, maxHalfNorm - MaxExponent);
    }

    static Tensor ZeroPadded(Tensor phi, Tensor? keep) =>
        keep is null ? phi : phi * keep.unsqueeze(-1).to_type(phi.dtype);
}
