using Helix.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// An orthogonal (or Stiefel) weight as a function of free parameters, in the spirit of PyTorch's
/// <c>parametrizations.orthogonal</c>: the module owns one visible parameter, <c>original</c>, that any TorchSharp
/// optimizer trains (the gradient lands there), and <see cref="Weight"/> maps it through an <see cref="IOrthogonalMap"/>
/// to a rows×columns matrix with orthonormal columns. Only <c>original</c> is saved, and the map is a fixed function,
/// so a loaded module has exactly (bit for bit) the weight that was saved. Inside <see cref="Cached"/> the weight is
/// computed once and reused (an RNN that applies it at every time step pays for one map per forward pass).
/// </summary>
public sealed class OrthogonalWeight : nn.Module
{
    readonly Parameter original;

    readonly IOrthogonalMap _map;
    Tensor? _cache;
    int _cacheDepth;

    /// <summary>Creates a rows×columns orthonormal-column weight (columns ≤ rows) with random seeded parameters.</summary>
    /// <param name="rows">N, the size of the underlying orthogonal matrix.</param>
    /// <param name="columns">M ≤ N columns kept (M &lt; N: a Stiefel frame; CWY then uses the T-CWY formula).</param>
    /// <param name="kind">The map (CWY by default).</param>
    /// <param name="reflections">L for the Householder family; default N for square and M for tall weights.</param>
    /// <param name="seed">Seed of the initial parameters.</param>
    /// <param name="dtype">float32 or float64.</param>
    public OrthogonalWeight(long rows, long columns, OrthogonalMapKind kind = OrthogonalMapKind.Cwy, long? reflections = null,
        long seed = 0, ScalarType dtype = ScalarType.Float32) : base(nameof(OrthogonalWeight))
    {
        TensorGuard.Positive(rows, nameof(rows));
        TensorGuard.Positive(columns, nameof(columns));
        if (columns > rows) throw new ArgumentException($"columns ({columns}) must be ≤ rows ({rows}): a weight with orthonormal columns cannot be wide", nameof(columns));
        long l = reflections ?? (columns == rows ? rows : columns);
        if (l < 1 || l > rows) throw new ArgumentOutOfRangeException(nameof(reflections), l, $"reflections must be between 1 and rows ({rows})");
        _map = OrthogonalMaps.Create(kind);
        Rows = rows;
        Columns = columns;
        using (no_grad()) original = new Parameter(_map.Initial(rows, l, seed, dtype));
        RegisterComponents();
    }

    /// <summary>The map from <see cref="Original"/> to the weight.</summary>
    public IOrthogonalMap Map => _map;
    /// <summary>N, rows of the weight.</summary>
    public long Rows { get; }
    /// <summary>M, columns of the weight.</summary>
    public long Columns { get; }
    /// <summary>The free parameters (state-dict key <c>original</c>); optimizers update these.</summary>
    public Parameter Original => original;

    /// <summary>The weight, rows×columns with orthonormal columns (differentiable in <see cref="Original"/>). Inside
    /// <see cref="Cached"/> the same tensor is returned until the scope ends; otherwise a new tensor each call.</summary>
    public Tensor Weight
    {
        get
        {
            if (_cacheDepth == 0) return _map.Materialize(original, Columns);
            if (_cache is null || _cache.IsInvalid)
            {
                _cache = _map.Materialize(original, Columns);
                _cache.DetachFromDisposeScope();
            }
            return _cache;
        }
    }

    /// <summary>Q·X for X of shape (…, M, K): the first M columns of Q applied to X (rows N), without forming Q for CWY
    /// (a tall weight pads X with zero rows). Uses the cached weight inside <see cref="Cached"/>.</summary>
    public Tensor Apply(Tensor x)
    {
        TensorGuard.NotNull(x, nameof(x));
        if (x.dim() < 2) throw new ArgumentException($"x must have shape (…, {Columns}, K), got {TensorGuard.Shape(x)}", nameof(x));
        TensorGuard.Dim(x, (int)x.dim() - 2, Columns, nameof(x), "rows");
        if (_cacheDepth > 0) return matmul(Weight, x);
        using var scope = NewDisposeScope();
        var padded = Columns == Rows ? x : nn.functional.pad(x, [0, 0, 0, Rows - Columns]);
        return _map.Apply(original, padded).MoveToOuterDisposeScope();
    }

    /// <summary>Computes the weight at most once until the returned scope is disposed (wrap one forward + backward).
    /// Scopes nest; the cache is freed when the outermost one ends.</summary>
    public IDisposable Cached()
    {
        _cacheDepth++;
        return new CacheScope(this);
    }

    sealed class CacheScope(OrthogonalWeight owner) : IDisposable
    {
        bool _done;
        public void Dispose()
        {
            if (_done) return;
            _done = true;
            if (--owner._cacheDepth == 0)
            {
                owner._cache?.Dispose();
                owner._cache = null;
            }
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) { _cache?.Dispose(); _cache = null; }
        base.Dispose(disposing);
    }
}
