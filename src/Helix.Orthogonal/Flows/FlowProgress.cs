namespace Helix.Orthogonal;

/// <summary>One evaluation of a <see cref="FlowTraining"/> run.</summary>
/// <param name="Step">Steps done.</param>
/// <param name="Seconds">Optimizer seconds so far (gradient + step; evaluations excluded).</param>
/// <param name="Loss">f(X).</param>
/// <param name="RelativeError">(f − f*)/(f₀ − f*).</param>
public readonly record struct FlowProgress(long Step, double Seconds, double Loss, double RelativeError);
