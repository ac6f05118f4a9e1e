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
    static Tensor PositiveFeatures(Tensor exponent, Tensor half, Tensor projection, double copies, FeatureStabilizer stabilizer, Tensor? keep, double? noneShift = null)
    {
        double logNorm = 0.5 * Math.Log(copies * projection.shape[0]);
        if (keep is not null) exponent.masked_fill_(keep.logical_not().unsqueeze(-1), double.NegativeInfinity);
        exponent.sub_(half);
        // Padded rows are already −∞, so the stabilizer needs no mask.
        using var shift = Shift(exponent, stabilizer, null, stabilizer == FeatureStabilizer.None ? noneShift ?? BoundShift(projection) : 0).add_(logNorm);
        return exponent.sub_(shift).exp_();
    }

    /// <summary>
    /// FAVOR++ optimal positive random features D·exp(A|w|² + B w·x − |x|²/2 − c)/√m with B = √(1 − 4A) and
    /// D = (1 − 4A)^(d/4), for x = data·d^(-1/4): unbiased for exp(q·k/√d) for any A &lt; 1/8, with the least
    /// variance at <see cref="OprfCoefficient(double)"/>. <paramref name="a"/> is A as a tensor broadcastable to
    /// [.., 1, 1] (one per batch row and head, say), treated as a constant (no gradient).
    /// </summary>
    /// <param name="x">Queries or keys [.., L, d].</param>
    /// <param name="projection">Random projection W [m, d] with N(0, I) rows (orthogonal rows with chi norms qualify).</param>
    /// <param name="a">The coefficient A (≤ 0 from <see cref="OprfCoefficient(double)"/>).</param>
    /// <param name="stabilizer">Which constant c is subtracted (see <see cref="FeatureStabilizer"/>).</param>
    /// <param name="keep">Optional bool [.., L]: false rows (padded keys) become zero and are ignored by the stabilizer.</param>
    public static Tensor OptimalPositive(Tensor x, Tensor projection, Tensor a, FeatureStabilizer stabilizer, Tensor? keep = null)
    {
        using var scope = NewDisposeScope();
        var (scaled, half) = ScaledAndHalfNorm(x);
        var aConst = a.detach().to_type(x.dtype);
        var oneMinus4A = (1 - 4 * aConst);
        // exponent = B (W x) + A |w|² + (d/4) log(1 − 4A) − |x|²/2; the last two terms go through PositiveFeatures.
        var exponent = scaled.matmul(projection.t()) * oneMinus4A.sqrt();   // out of place: A may have more dimensions than x
        exponent.add_(aConst * projection.square().sum(1)).add_(oneMinus4A.log() * (x.shape[^1] / 4.0));
        double bound = stabilizer == FeatureStabilizer.None ? OprfBoundShift(projection, aConst) : 0;
        return PositiveFeatures(exponent, half, projection, 1.0, stabilizer, keep, bound).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The variance-minimizing A of FAVOR++ for the statistic ρ = |x + y|²/d (x, y the d^(-1/4)-scaled query and key):
    /// A* = (1 − 2ρ − √((2ρ + 1)² + 8ρ))/16 ≤ 0, the root of 16A² − (2 − 4ρ)A − ρ = 0 that minimizes
    /// E[φ(x)²φ(y)²]. ρ = 0 gives A = 0, plain FAVOR+.
    /// </summary>
    public static double OprfCoefficient(double rho)
    {
        if (!(rho >= 0) || double.IsInfinity(rho)) throw new ArgumentOutOfRangeException(nameof(rho), rho, "ρ must be a finite number ≥ 0");
        return (1 - 2 * rho - Math.Sqrt((2 * rho + 1) * (2 * rho + 1) + 8 * rho)) / 16;
    }

    /// <summary>
    /// FAVOR++'s A* per batch row and head [B, H, 1, 1] from the data: ρ = mean over query–key pairs of |x_i + y_j|²/d
    /// = (mean |x|² + mean |y|² + 2 x̄·ȳ)/d over the scaled queries <paramref name="q"/> [B, H, Lq, d] and the kept
    /// keys <paramref name="k"/> [B, H, Lk, d] (<paramref name="keep"/> bool [B, 1 or H, Lk], true = keep). Detached.
    /// </summary>
    public static Tensor OprfCoefficient(Tensor q, Tensor k, Tensor? keep = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        double d = q.shape[^1], s = Math.Pow(d, -0.5);                          // |x|² = |q|²/√d
        var qMean = q.mean(new long[] { -2 }, keepdim: true);                   // [B, H, 1, d]
        var qSq = q.square().sum(-1, keepdim: true).mean(new long[] { -2 }, keepdim: true);
        Tensor kMean, kSq;
        if (keep is null)
        {
            kMean = k.mean(new long[] { -2 }, keepdim: true);
            kSq = k.square().sum(-1, keepdim: true).mean(new long[] { -2 }, keepdim: true);
        }
        else
        {
            var w = keep.unsqueeze(-1).to_type(k.dtype);                       // [B, *, Lk, 1]
            var count = w.sum(-2, keepdim: true).clamp_min(1);
            kMean = (k * w).sum(-2, keepdim: true) / count;
            kSq = (k.square().sum(-1, keepdim: true) * w).sum(-2, keepdim: true) / count;
        }
        var rho = ((qSq + kSq + 2 * (qMean * kMean).sum(-1, keepdim: true)) * (s / d)).clamp_min(0);
        // A* = (1 − 2ρ − √((2ρ + 1)² + 8ρ))/16, elementwise.
        var a = (1 - 2 * rho - ((2 * rho + 1).square() + 8 * rho).sqrt()) / 16;
        return a.MoveToOuterDisposeScope();
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

    /// <summary>
    /// A data-free bound for FAVOR++ exponents, as <see cref="BoundShift"/> for FAVOR+: B w·x − |x|²/2 ≤ B²|w|²/2, so
    /// A|w|² + B w·x − |x|²/2 + (d/4) log(1 − 4A) ≤ (1/2 − A)|w|² + (d/4) log(1 − 4A); the shift keeps it ≤ 60.
    /// </summary>
    static double OprfBoundShift(Tensor projection, Tensor a)
    {
        using var scope = NewDisposeScope();
        double aMax = a.max().to_type(ScalarType.Float64).item<double>(), aMin = a.min().to_type(ScalarType.Float64).item<double>();
        double maxNorm = projection.square().sum(1).max().to_type(ScalarType.Float64).item<double>();
        double d = projection.shape[1];
        double bound = Math.Max((0.5 - aMin) * maxNorm + d / 4 * Math.Log(1 - 4 * aMin), (0.5 - aMax) * maxNorm + d / 4 * Math.Log(1 - 4 * aMax));
        return Math.Max(0, bound - MaxExponent);
    }

    static Tensor ZeroPadded(Tensor phi, Tensor? keep) =>
        keep is null ? phi : phi * keep.unsqueeze(-1).to_type(phi.dtype);
}
