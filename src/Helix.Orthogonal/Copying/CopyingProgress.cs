namespace Helix.Orthogonal;

/// <summary>One report of a copying-task run: after each step, and with <see cref="EvaluationLoss"/> at evaluations.</summary>
/// <param name="Step">Steps done.</param>
/// <param name="Seconds">Training seconds so far.</param>
/// <param name="Loss">This step's training loss.</param>
/// <param name="EvaluationLoss">Held-out loss when this step evaluated, else null.</param>
public readonly record struct CopyingProgress(long Step, double Seconds, double Loss, double? EvaluationLoss);
