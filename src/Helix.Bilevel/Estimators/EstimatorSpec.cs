using System.Globalization;
using Helix.Core;

namespace Helix.Bilevel.Estimators;

/// <summary>
/// An estimator and its parameter, as written on a command line: <c>exact</c>, <c>exact:store</c>, <c>fom</c>,
/// <c>ufom:0.1</c>, <c>ufom:auto</c>, <c>reptile</c>.
/// </summary>
/// <param name="Kind">The estimator.</param>
/// <param name="Q">UFOM's probability of an exact draw (only for <see cref="EstimatorKind.Ufom"/>).</param>
/// <param name="Mode">How the exact parts recompute the trajectory.</param>
public sealed record EstimatorSpec(EstimatorKind Kind, double Q = 0, ExactMode Mode = ExactMode.Recompute)
{
    /// <summary>Parses the text form; throws <see cref="InvalidOptionException"/> on anything else.</summary>
    /// <param name="text">The estimator as text.</param>
    /// <param name="option">The option name to blame in errors.</param>
    public static EstimatorSpec Parse(string text, string option = "Estimator")
    {
        var t = text.Trim().ToLowerInvariant();
        switch (t)
        {
            case "exact": return new(EstimatorKind.Exact);
            case "exact:store": return new(EstimatorKind.Exact, 1, ExactMode.Store);
            case "fom": return new(EstimatorKind.Fom);
            case "reptile": return new(EstimatorKind.Reptile);
            case "ufom:auto": return new(EstimatorKind.UfomAuto);
        }
        if (t.StartsWith("ufom:", StringComparison.Ordinal))
        {
            var rest = t[5..];
            if (!double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out var q) || !double.IsFinite(q))
                throw new InvalidOptionException(option, $"'{text}': the UFOM probability must be a number in [0, 1] or 'auto'");
            return new EstimatorSpec(EstimatorKind.Ufom, q).Validate(option);
        }
        throw new InvalidOptionException(option, $"'{text}' is not an estimator; use exact, exact:store, fom, ufom:<q>, ufom:auto or reptile");
    }

    /// <summary>Checks <see cref="Q"/>; returns this spec.</summary>
    /// <param name="option">The option name to blame in errors.</param>
    public EstimatorSpec Validate(string option = "Estimator")
    {
        if (Kind == EstimatorKind.Ufom && !(Q >= 0 && Q <= 1))
            throw new InvalidOptionException(option, $"the UFOM probability q must be in [0, 1], got {Q.ToString(CultureInfo.InvariantCulture)}");
        return this;
    }

    /// <summary>The text form (parses back to an equal spec).</summary>
    public override string ToString() => Kind switch
    {
        EstimatorKind.Exact => Mode == ExactMode.Store ? "exact:store" : "exact",
        EstimatorKind.Fom => "fom",
        EstimatorKind.Ufom => "ufom:" + Q.ToString("R", CultureInfo.InvariantCulture),
        EstimatorKind.UfomAuto => "ufom:auto",
        _ => "reptile",
    };
}
