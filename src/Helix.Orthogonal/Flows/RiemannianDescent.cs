using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// Baseline: dense Riemannian gradient descent on O(d) / St(n, k) with the full Ω and a retraction (<see cref="RetractionKind"/>),
/// O(d³) a step. Square X: X ← X·R(−ηΩ), Ω = skew(XᵀG); tall X: X ← R(−ηΩ)ᵀ·X, Ω = skew(XGᵀ) (n×n), as the
/// <see cref="GivensFlow"/> does with its sparse estimate.
/// </summary>
public sealed class RiemannianDescent : IOrthogonalOptimizer
{
    readonly List<OrthogonalParameter> _params;

    /// <summary>Creates the optimizer.</summary>
    public RiemannianDescent(IEnumerable<Parameter> parameters, double lr, RetractionKind retraction = RetractionKind.Exp)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(lr > 0) || !double.IsFinite(lr)) throw new ArgumentOutOfRangeException(nameof(lr), lr, "the learning rate must be positive");
        _params = parameters.Select((p, i) => new OrthogonalParameter(p, i)).ToList();
        if (_params.Count == 0) throw new ArgumentException("no parameters to optimize", nameof(parameters));
        LearningRate = lr;
        Retraction = retraction;
    }

    /// <summary>The retraction.</summary>
    public RetractionKind Retraction { get; }
    /// <inheritdoc/>
    public string Name => Retraction switch { RetractionKind.Exp => "expm", RetractionKind.Cayley => "cayley", _ => "qr" };
    /// <inheritdoc/>
    public long Steps { get; private set; }
    /// <inheritdoc/>
    public double LearningRate { get; set; }

    /// <inheritdoc/>
    public void step()
    {
        using var scope = NewDisposeScope();
        using var ng = no_grad();
        foreach (var p in _params)
        {
            if (p.Tensor.grad is not { } g) continue;
            var x = p.Tensor.detach();
            var omega = GivensFlow.DenseOmega(p, g).reshape(x.shape[..^2].Append(p.D).Append(p.D).ToArray());
            var eye_ = eye(p.D, dtype: x.dtype);
            var a = omega * (-LearningRate);                       // the tangent direction −ηΩ in the Lie algebra
            Tensor next;
            if (Retraction == RetractionKind.Qr)
            {
                var moved = p.Columns ? x + matmul(x, a) : x + matmul(a.transpose(-2, -1), x);
                var (q, r) = linalg.qr(moved);
                var sign = r.diagonal(0, -2, -1).sign();
                next = q * where(sign == 0, ones_like(sign), sign).unsqueeze(-2);
            }
            else
            {
                var rot = Retraction == RetractionKind.Exp ? linalg.matrix_exp(a) : linalg.solve(eye_ - a * 0.5, eye_ + a * 0.5);
                next = p.Columns ? matmul(x, rot) : matmul(rot.transpose(-2, -1), x);
            }
            p.Tensor.copy_(next);
        }
        Steps++;
    }

    /// <inheritdoc/>
    public void zero_grad()
    {
        foreach (var p in _params) p.Tensor.grad?.zero_();
    }

    /// <inheritdoc/>
    public void Dispose() { }
}
