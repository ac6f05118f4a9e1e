using static TorchSharp.torch;

namespace Helix.Bilevel.Estimators;

/// <summary>One task's hypergradient estimate.</summary>
/// <param name="Gradient">The estimate, one tensor per parameter (detached; owned by the caller's dispose scope).</param>
/// <param name="FirstOrder">The first-order gradient ∇L_test(θ_r) when it was computed, else null.</param>
/// <param name="TestLoss">L_test(θ_r).</param>
/// <param name="GradientEvaluations">Cost in gradient evaluations (a Hessian-vector product counts as 2).</param>
public sealed record TaskGradient(Tensor[] Gradient, Tensor[]? FirstOrder, double TestLoss, long GradientEvaluations);
