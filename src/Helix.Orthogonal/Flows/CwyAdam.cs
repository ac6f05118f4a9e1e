using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// Baseline behind <see cref="IOrthogonalOptimizer"/>: Adam on a CWY parametrization. Each weight X₀ (…, n, k) is
/// rewritten as X = X₀·Q(V) (square) or X = Q(V)·X₀ (tall, rotating the n rows), with Q(V) ∈ SO(n) the CWY product of
/// L = 2⌊n/2⌋ reflections. V starts as pairs of equal random vectors, so Q(V₀) = H(a)H(a)··· = I and X starts at X₀
/// exactly (up to rounding). A step turns the weight's gradient G into ∂f/∂V by autograd through the map, takes an
/// Adam step on V, and writes X(V) back into the weight: O(n²L) a step, like the dense retractions.
/// </summary>
public sealed class CwyAdam : IOrthogonalOptimizer
{
    readonly List<OrthogonalParameter> _params;
    readonly List<Tensor> _starts = [];
    readonly List<Parameter> _vectors = [];
    readonly optim.Optimizer _adam;
    readonly CwyMap _map = new();

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">Orthogonal weights (…, n, k), n ≥ k, n ≥ 2, starting orthogonal.</param>
    /// <param name="lr">Adam's learning rate on the reflection vectors.</param>
    /// <param name="seed">Seed of the initial (paired) reflection vectors.</param>
    public CwyAdam(IEnumerable<Parameter> parameters, double lr, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(lr > 0) || !double.IsFinite(lr)) throw new ArgumentOutOfRangeException(nameof(lr), lr, "the learning rate must be positive");
        _params = parameters.Select((p, i) => new OrthogonalParameter(p, i)).ToList();
        if (_params.Count == 0) throw new ArgumentException("no parameters to optimize", nameof(parameters));
        for (int i = 0; i < _params.Count; i++)
        {
            var p = _params[i];
            long n = p.N, half = n / 2;
            var batch = p.Tensor.shape[..^2];
            using var a = Reflections.Gaussian([.. batch, n, half], Helix.Core.SplitMix64.Combine(seed, i), 1.0, p.Tensor.dtype);
            var v = stack([a, a], -1).reshape([.. batch, n, 2 * half]);    // columns a₁, a₁, a₂, a₂, …: Q = I
            _vectors.Add(new Parameter(v));
            _starts.Add(p.Tensor.detach().clone());
        }
        _adam = optim.Adam(_vectors, lr);
        LearningRate = lr;
    }

    /// <inheritdoc/>
    public string Name => "cwy-adam";
    /// <inheritdoc/>
    public long Steps { get; private set; }
    /// <inheritdoc/>
    public double LearningRate
    {
        get;
        set
        {
            field = value;
            if (_adam is not null) foreach (var g in _adam.ParamGroups) g.LearningRate = value;
        }
    }

    Tensor Weight(int i)
    {
        var p = _params[i];
        return p.Columns ? matmul(_starts[i], _map.Materialize(_vectors[i])) : _map.Apply(_vectors[i], _starts[i]);
    }

    /// <inheritdoc/>
    public void step()
    {
        using var scope = NewDisposeScope();
        _adam.zero_grad();
        bool any = false;
        for (int i = 0; i < _params.Count; i++)
        {
            if (_params[i].Tensor.grad is not { } g) continue;
            if (!g.shape.SequenceEqual(_params[i].Tensor.shape)) throw new InvalidOperationException("a gradient has another shape than its parameter");
            Weight(i).backward([g.detach()]);
            any = true;
        }
        if (any) _adam.step();
        using (no_grad())
            for (int i = 0; i < _params.Count; i++)
                if (_params[i].Tensor.grad is not null) _params[i].Tensor.copy_(Weight(i));
        Steps++;
    }

    /// <inheritdoc/>
    public void zero_grad()
    {
        foreach (var p in _params) p.Tensor.grad?.zero_();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _adam.Dispose();
        foreach (var v in _vectors) v.Dispose();
        foreach (var s in _starts) s.Dispose();
    }
}
