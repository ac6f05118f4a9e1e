using static TorchSharp.torch;

namespace Helix.Bilevel.Estimators;

/// <summary>A meta-batch's hypergradient: the mean of its tasks' estimates.</summary>
/// <param name="Gradient">Mean estimate, one tensor per parameter (owned by the caller's dispose scope).</param>
/// <param name="TestLoss">Mean L_test(θ_r) over the tasks.</param>
/// <param name="Tasks">Tasks in the batch.</param>
/// <param name="ExactDraws">Tasks for which the exact gradient was computed.</param>
/// <param name="Probability">The UFOM probability in force (1 for exact, 0 for FOM and Reptile).</param>
/// <param name="GradientEvaluations">Total cost in gradient evaluations.</param>
public sealed record MetaGradient(Tensor[] Gradient, double TestLoss, int Tasks, int ExactDraws, double Probability, long GradientEvaluations);
