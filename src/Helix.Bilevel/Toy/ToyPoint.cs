namespace Helix.Bilevel.Toy;

/// <summary>A point on a toy run's trajectory.</summary>
/// <param name="Step">Outer steps done.</param>
/// <param name="Cost">Gradient evaluations spent so far.</param>
/// <param name="Theta">The running Polyak average of θ (the iterate before averaging starts).</param>
/// <param name="MetaGradientNorm">|dM/dθ| there.</param>
public readonly record struct ToyPoint(long Step, double Cost, double Theta, double MetaGradientNorm);
