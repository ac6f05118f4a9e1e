namespace Helix.Orthogonal;

/// <summary>What a copying-task run produced.</summary>
/// <param name="Model">The model trained.</param>
/// <param name="Parameters">Its trainable parameter count.</param>
/// <param name="Hidden">Its hidden size.</param>
/// <param name="Steps">Steps done.</param>
/// <param name="Seconds">Training time (evaluations excluded).</param>
/// <param name="FinalLoss">Held-out loss at the end.</param>
/// <param name="BestLoss">Lowest held-out loss seen.</param>
/// <param name="MemorylessLoss">10·ln 8 / (T + 20).</param>
/// <param name="Evaluations">(step, seconds, held-out loss) at each evaluation.</param>
public sealed record CopyingResult(CopyingModelKind Model, long Parameters, long Hidden, long Steps, double Seconds,
    double FinalLoss, double BestLoss, double MemorylessLoss, IReadOnlyList<(long Step, double Seconds, double Loss)> Evaluations)
{
    /// <summary>max|QᵀQ − I| of the recurrent matrix at the end, where the run measured it (flows), else NaN.</summary>
    public double OrthogonalityError { get; init; } = double.NaN;
    /// <summary>Optimizer steps per second.</summary>
    public double StepsPerSecond => Seconds > 0 ? Steps / Seconds : 0;
    /// <summary>True when the final loss is under 10% of the memoryless baseline.</summary>
    public bool Solved => FinalLoss < 0.1 * MemorylessLoss;
}
