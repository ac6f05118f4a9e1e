using System.Text.Json.Nodes;
using Helix.Core;

namespace Helix.Bilevel.Estimators;

/// <summary>
/// The adaptive UFOM probability: the q that minimizes (UFOM's second moment) × (its expected cost per task), with a
/// lower bound. Why that product: for SGD on a smooth non-convex objective with step sizes tuned to the horizon, the
/// bound on min_t E‖∇M(θ_t)‖² after T steps is dominated by √(L·Δ·σ²/T), where σ² bounds the estimator's second
/// moment; a fixed compute budget C buys T = C / cost(q) steps, so the bound is √(L·Δ·σ²(q)·cost(q)/C) and the best q
/// for a given budget minimizes σ²(q)·cost(q) (the paper's time-variance trade-off: UFOM's expected time is
/// O(r + q·r²) with constant memory, and the "optimal UFOM" is the q minimizing this bound).
/// <para>
/// The two factors, exactly. Per task, with ξ ~ Bernoulli(q) and d = g_exact − g_FO, UFOM returns g_FO + (ξ/q)·d and
/// E_ξ‖g_FO + (ξ/q)d‖² = ‖g_FO‖² + 2⟨g_FO, d⟩ + ‖d‖²/q = ‖g_exact‖² + (1/q − 1)‖d‖² (an identity, not a bound), so
/// over tasks σ²(q) = A + (1/q − 1)·B with A = E‖g_exact‖² and B = E‖g_exact − g_FO‖². The cost is
/// c_FO + q·c_extra (in gradient evaluations: <see cref="Hypergradient.FirstOrderCost"/> and
/// <see cref="Hypergradient.ExactExtraCost"/>; an exact draw recomputes the trajectory, so c_extra grows like r²/2).
/// </para>
/// <para>
/// The minimizer. (A − B + B/q)(c_FO + q·c_extra) has derivative (A − B)·c_extra − B·c_FO/q² in q, so its minimum
/// over q &gt; 0 is at q* = √(c_FO·B / (c_extra·(A − B))) when A &gt; B, and q* &lt; 1 exactly when
/// A &gt; B·(1 + c_FO/c_extra); when A ≤ B the product only falls as q grows and q = 1 (exact) is best. That is the
/// case where FOM's error is as large as the gradient itself: rescaling that error by 1/q costs more variance than the
/// saved time is worth. The result is clamped to [<see cref="MinProbability"/>, 1] (the lower bound keeps exact draws,
/// and so the estimates of A and B, coming; q = 0 would be FOM, biased).
/// </para>
/// <para>
/// The estimates. Only an exact draw reveals g_exact, so A and B are exponential moving averages (decay β,
/// <see cref="Smoothing"/>) updated on exact draws only, with Adam's bias correction 1/(1 − βⁿ) (the correction is the
/// same for both, so q depends only on their ratio, but the corrected values are what <see cref="BiasSquared"/> and
/// <see cref="NormSquared"/> report). Before the first exact draw q = 1, so the first step measures A and B.
/// </para>
/// <para>
/// Source: Likhosherstov, Song, Choromanski, Davis, Weller, "Debiasing a First-order Heuristic for Approximate
/// Bi-level Optimization" (ICML 2021; arXiv 2006.03631 as "UFO-BLO"). The paper's text and code were not at hand when
/// this was written; the rule above is derived from its stated construction (unbiased estimator, time-variance
/// trade-off, optimal q, adaptive q from smoothed estimates) using the exact second-moment identity. The paper's
/// asymptotic cost model (time r for FOM, r² extra for an exact draw) would use c_FO/c_extra = 1/r instead of the
/// exact gradient-evaluation counts used here (11/65 at r = 10).
/// </para>
/// </summary>
public sealed class AdaptiveProbability
{
    readonly double _costRatio;
    double _bias, _norm;
    long _updates;

    /// <summary>The lower bound on q.</summary>
    public double MinProbability { get; }
    /// <summary>The moving averages' decay β (weight of the past).</summary>
    public double Smoothing { get; }

    /// <summary>Starts with no estimates.</summary>
    /// <param name="firstOrderCost">c_FO, the first-order pass's cost.</param>
    /// <param name="exactExtraCost">c_extra, what an exact draw adds.</param>
    /// <param name="minProbability">Lower bound on q, in (0, 1].</param>
    /// <param name="smoothing">β in [0, 1).</param>
    public AdaptiveProbability(double firstOrderCost, double exactExtraCost, double minProbability = 0.05, double smoothing = 0.9)
    {
        Check.Positive(firstOrderCost, nameof(firstOrderCost));
        Check.Positive(exactExtraCost, nameof(exactExtraCost));
        if (!(minProbability > 0 && minProbability <= 1))
            throw new InvalidOptionException(nameof(MinProbability), $"the lower bound on q must be in (0, 1], got {minProbability}");
        if (!(smoothing >= 0 && smoothing < 1))
            throw new InvalidOptionException(nameof(Smoothing), $"the smoothing must be in [0, 1), got {smoothing}");
        _costRatio = firstOrderCost / exactExtraCost;
        MinProbability = minProbability;
        Smoothing = smoothing;
    }

    /// <summary>Exact draws seen so far.</summary>
    public long Updates => _updates;

    /// <summary>Bias-corrected E‖g_exact − g_FO‖² (NaN before the first update).</summary>
    public double BiasSquared => _updates == 0 ? double.NaN : _bias / (1 - Math.Pow(Smoothing, _updates));

    /// <summary>Bias-corrected E‖g_exact‖² (NaN before the first update).</summary>
    public double NormSquared => _updates == 0 ? double.NaN : _norm / (1 - Math.Pow(Smoothing, _updates));

    /// <summary>The current q.</summary>
    public double Probability
    {
        get
        {
            if (_updates == 0) return 1;
            double a = NormSquared, b = BiasSquared;
            if (!(a > b)) return 1;
            double q = Math.Sqrt(_costRatio * b / (a - b));
            return double.IsFinite(q) ? Math.Clamp(q, MinProbability, 1) : 1;
        }
    }

    /// <summary>Adds one exact draw's ‖g_exact − g_FO‖² and ‖g_exact‖².</summary>
    /// <param name="biasSquared">‖g_exact − g_FO‖².</param>
    /// <param name="normSquared">‖g_exact‖².</param>
    public void Update(double biasSquared, double normSquared)
    {
        if (!double.IsFinite(biasSquared) || !double.IsFinite(normSquared)) return;
        _bias = Smoothing * _bias + (1 - Smoothing) * biasSquared;
        _norm = Smoothing * _norm + (1 - Smoothing) * normSquared;
        _updates++;
    }

    /// <summary>The state, for checkpoints.</summary>
    public JsonObject Save() => new() { ["bias"] = _bias, ["norm"] = _norm, ["updates"] = _updates };

    /// <summary>Restores a state written by <see cref="Save"/>.</summary>
    /// <param name="state">The saved state.</param>
    public void Load(JsonNode? state)
    {
        if (state == null) return;
        _bias = (double)state["bias"]!;
        _norm = (double)state["norm"]!;
        _updates = (long)state["updates"]!;
    }
}
