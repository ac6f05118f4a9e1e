using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// What the maps from a square generator share (Q = f(A − Aᵀ): matrix exponential, Cayley): parameters (…, N, N),
/// their checks, and Gaussian initial generators scaled by 1/√N. The number of reflections is ignored.
/// </summary>
public abstract class SkewGeneratorMap : IOrthogonalMap
{
    /// <inheritdoc/>
    public abstract OrthogonalMapKind Kind { get; }
    /// <inheritdoc/>
    public abstract string Name { get; }
    /// <inheritdoc/>
    public long[] ParameterShape(long n, long reflections) => [n, n];
    /// <inheritdoc/>
    public void Validate(Tensor parameters) => Reflections.ValidateSquare(parameters);
    /// <inheritdoc/>
    public long Size(Tensor parameters) { Validate(parameters); return parameters.shape[^1]; }
    /// <inheritdoc/>
    public abstract Tensor Apply(Tensor parameters, Tensor x);
    /// <inheritdoc/>
    public abstract Tensor Materialize(Tensor parameters, long columns = 0);
    /// <inheritdoc/>
    public Tensor Initial(long n, long reflections, long seed, ScalarType dtype = ScalarType.Float32)
        => Reflections.Gaussian(ParameterShape(n, reflections), seed, 1.0 / Math.Sqrt(n), dtype);
}
