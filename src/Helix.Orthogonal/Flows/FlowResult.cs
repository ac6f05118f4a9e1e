namespace Helix.Orthogonal;

/// <summary>What a <see cref="FlowTraining"/> run produced.</summary>
/// <param name="Optimizer">The optimizer's name.</param>
/// <param name="Steps">Steps done.</param>
/// <param name="Seconds">Optimizer time.</param>
/// <param name="FinalError">Relative error at the end.</param>
/// <param name="SecondsToTarget">Optimizer time when the target error was first reached, or null.</param>
/// <param name="OrthogonalityError">max|XᵀX − I| at the end.</param>
/// <param name="Trace">Every evaluation.</param>
public sealed record FlowResult(string Optimizer, long Steps, double Seconds, double FinalError, double? SecondsToTarget,
    double OrthogonalityError, IReadOnlyList<FlowProgress> Trace)
{
    /// <summary>The part of <see cref="Seconds"/> spent in the optimizer's own steps (without the loss and its gradient).</summary>
    public double StepSeconds { get; init; }
    /// <summary>Optimizer-step seconds when the target error was first reached, or null.</summary>
    public double? StepSecondsToTarget { get; init; }
    /// <summary>Mean optimizer seconds per step.</summary>
    public double SecondsPerStep => Steps > 0 ? Seconds / Steps : 0;
}
