using static TorchSharp.torch;

namespace Helix.Bilevel.Estimators;

/// <summary>A scalar loss of a list of parameter tensors (run functionally: the list is not a module's own).</summary>
/// <param name="parameters">The parameters to evaluate at, in a fixed order.</param>
public delegate Tensor ParameterLoss(IReadOnlyList<Tensor> parameters);

/// <summary>
/// One task of an approximate bilevel problem: the inner loop runs SGD on <see cref="TrainLoss"/>, and the outer
/// objective is <see cref="TestLoss"/> at the adapted parameters. Both must be twice differentiable for the exact
/// estimator, and must not keep the tensors they are given.
/// </summary>
/// <param name="TrainLoss">L_train, the inner objective.</param>
/// <param name="TestLoss">L_test, the outer objective.</param>
public sealed record BilevelTask(ParameterLoss TrainLoss, ParameterLoss TestLoss);
