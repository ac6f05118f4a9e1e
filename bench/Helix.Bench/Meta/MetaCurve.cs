namespace Helix.Bench.Meta;

/// <summary>One estimator's Omniglot run: held-out accuracy against training wall time.</summary>
internal sealed record MetaCurve(string Estimator, List<(int Step, double Seconds, double Accuracy, double HalfWidth)> Points,
    double RunsAccuracy, double RunsHalfWidth, int ExactDraws, int Tasks);
