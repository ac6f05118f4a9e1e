using Helix.Bilevel.Estimators;

namespace Helix.Bilevel.Toy;

/// <summary>A toy run's outcome.</summary>
/// <param name="Estimator">The estimator.</param>
/// <param name="Theta">Polyak average of θ over the second half.</param>
/// <param name="LastIterate">θ after the last step.</param>
/// <param name="MetaGradientNorm">|dM/dθ| at <paramref name="Theta"/>.</param>
/// <param name="Cost">Gradient evaluations spent.</param>
/// <param name="ExactFraction">Fraction of task estimates that were exact draws.</param>
/// <param name="Trajectory">Recorded points.</param>
public sealed record ToyRunResult(EstimatorSpec Estimator, double Theta, double LastIterate, double MetaGradientNorm, double Cost,
    double ExactFraction, IReadOnlyList<ToyPoint> Trajectory);
