using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// What the Householder-family maps share: parameters (…, N, L) of L reflection vectors, their checks, and Gaussian
/// initial vectors. Subclasses say how Q is applied and formed.
/// </summary>
public abstract class ReflectionVectorMap : IOrthogonalMap
{
    /// <inheritdoc/>
    public abstract OrthogonalMapKind Kind { get; }
    /// <inheritdoc/>
    public abstract string Name { get; }
    /// <inheritdoc/>
    public long[] ParameterShape(long n, long reflections) => [n, reflections];
    /// <inheritdoc/>
    public void Validate(Tensor parameters) => Reflections.ValidateVectors(parameters);
    /// <inheritdoc/>
    public long Size(Tensor parameters) { Validate(parameters); return parameters.shape[^2]; }
    /// <inheritdoc/>
    public abstract Tensor Apply(Tensor parameters, Tensor x);
    /// <inheritdoc/>
    public abstract Tensor Materialize(Tensor parameters, long columns = 0);
    /// <inheritdoc/>
    public Tensor Initial(long n, long reflections, long seed, ScalarType dtype = ScalarType.Float32)
        => Reflections.Gaussian(ParameterShape(n, reflections), seed, 1.0, dtype);
}
