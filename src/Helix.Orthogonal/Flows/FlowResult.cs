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
    /// <summary>Mean optimizer seconds per step.</summary>
    public double SecondsPerStep => Steps > 0 ? Seconds / Steps : 0;
}
