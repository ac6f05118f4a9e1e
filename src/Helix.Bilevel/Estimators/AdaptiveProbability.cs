using System.Text.Json.Nodes;
using Helix.Core;

namespace Helix.Bilevel.Estimators;

/// <summary>
/// The adaptive UFOM probability. UFOM's second moment is E‖g‖² = A + (1/q − 1)·B with A = E‖g_exact‖² and
/// B = E‖g_exact − g_FO‖², and its expected cost is c_FO + q·c_extra; their product is smallest at
/// q* = √(c_FO·B / (c_extra·(A − B))) (q* = 1 when A ≤ B). A and B are kept as bias-corrected exponential moving
/// averages, updated on exact draws only; q is clamped to [<see cref="MinProbability"/>, 1], and is 1 until the
/// first update.
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
