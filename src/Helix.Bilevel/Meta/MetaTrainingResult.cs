using Helix.Training;

namespace Helix.Bilevel.Meta;

/// <summary>What a meta-training run did.</summary>
/// <param name="Training">The trainer's result (losses, validations, time).</param>
/// <param name="Tasks">Episodes used for meta-gradients in this process.</param>
/// <param name="ExactDraws">Of those, episodes that got the exact gradient.</param>
/// <param name="GradientEvaluations">Cost of the meta-gradients in gradient evaluations.</param>
/// <param name="FinalProbability">The UFOM probability at the end (the adaptive one for <c>ufom:auto</c>).</param>
public sealed record MetaTrainingResult(TrainingResult Training, long Tasks, long ExactDraws, long GradientEvaluations, double FinalProbability);
