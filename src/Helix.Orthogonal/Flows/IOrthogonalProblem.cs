using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>An optimization problem on O(n) or St(n, k) with a known optimum, for testing and benchmarking optimizers.</summary>
public interface IOrthogonalProblem
{
    /// <summary>Shape of the weight (n, k).</summary>
    (int N, int K) Shape { get; }
    /// <summary>The loss f(X) as a differentiable scalar.</summary>
    Tensor Loss(Tensor x);
    /// <summary>The optimal value f* (from an SVD or an eigendecomposition).</summary>
    double Optimum { get; }
    /// <summary>Relative error (f(X) − f*) / (f(X₀) − f*) against the start <see cref="Start"/>.</summary>
    double RelativeError(Tensor x);
    /// <summary>A seeded random orthogonal start.</summary>
    Tensor Start { get; }
}
