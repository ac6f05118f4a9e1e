namespace Helix.Bench.Meta;

/// <summary>One held-out evaluation along an Omniglot run.</summary>
/// <param name="Step">Meta-steps done.</param>
/// <param name="CpuSeconds">Training CPU seconds so far (the budget's clock; evaluation excluded).</param>
/// <param name="WallSeconds">Training wall seconds so far (evaluation excluded).</param>
/// <param name="ExactDraws">Tasks that got the exact gradient so far.</param>
/// <param name="Tasks">Tasks so far.</param>
/// <param name="Probability">The UFOM probability in force at this point.</param>
/// <param name="Accuracy">Mean held-out accuracy.</param>
/// <param name="HalfWidth">Its 95% half-width over held-out episodes.</param>
internal sealed record MetaCurvePoint(int Step, double CpuSeconds, double WallSeconds, long ExactDraws, long Tasks, double Probability, double Accuracy, double HalfWidth);

/// <summary>One estimator's Omniglot run: held-out accuracy against training time, and the final weights on the 20 one-shot runs.</summary>
internal sealed record MetaCurve(string Estimator, List<MetaCurvePoint> Points, double RunsAccuracy, double RunsHalfWidth)
{
    public MetaCurvePoint Last => Points[^1];

    /// <summary>The evaluation at the time closest to <paramref name="seconds"/> of training CPU time.</summary>
    public MetaCurvePoint At(double seconds) => Points.MinBy(p => Math.Abs(p.CpuSeconds - seconds))!;
}
