using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// A differentiable map from free parameters to an orthogonal matrix Q ∈ O(N) (or its first M columns, a point of the
/// Stiefel manifold St(N, M)). Every map takes batched parameters (…, N, L) or (…, N, N), float32 or float64, and is
/// stateless: the same parameters always give the same Q, so a saved parameter restores exactly the same weight.
/// </summary>
public interface IOrthogonalMap
{
    /// <summary>Which map this is.</summary>
    OrthogonalMapKind Kind { get; }

    /// <summary>The short name used on the command line and in benchmark tables (<c>cwy</c>, <c>householder</c>, …).</summary>
    string Name { get; }

    /// <summary>The trailing shape of the parameter for an N×N matrix made of <paramref name="reflections"/> reflections:
    /// (N, L) for the Householder family, (N, N) for the skew-symmetric maps (which ignore L).</summary>
    long[] ParameterShape(long n, long reflections);

    /// <summary>Checks the parameter's shape and dtype; throws <see cref="ArgumentException"/> with the reason.</summary>
    void Validate(Tensor parameters);

    /// <summary>N, the size of Q, for these parameters.</summary>
    long Size(Tensor parameters);

    /// <summary>Q·X for X of shape (…, N, K) (broadcast against the parameters' batch), without forming Q where the map allows.</summary>
    Tensor Apply(Tensor parameters, Tensor x);

    /// <summary>The first <paramref name="columns"/> columns of Q, shape (…, N, M); all N columns when 0.</summary>
    Tensor Materialize(Tensor parameters, long columns = 0);

    /// <summary>Random initial parameters (seeded) for an N×N map with <paramref name="reflections"/> reflections.</summary>
    Tensor Initial(long n, long reflections, long seed, ScalarType dtype = ScalarType.Float32);
}
