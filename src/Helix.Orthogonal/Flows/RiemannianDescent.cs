using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// Baseline: dense Riemannian gradient descent on O(d) / St(n, k) with the full Ω and a retraction (<see cref="RetractionKind"/>).
/// Square X: X ← X·R(−ηΩ), Ω = skew(XᵀG), O(d³) a step; tall X: X ← R(−ηΩ)ᵀ·X, Ω = skew(XGᵀ) (n×n), as the
/// <see cref="GivensFlow"/> does with its sparse estimate. For tall X with 2k &lt; n the step never forms an n×n matrix:
/// ηΩ has rank 2k, so each retraction acts through a 2k×2k matrix, O(nk² + k³) a step.
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
            if (!p.Columns && 2 * p.K < p.N)
            {
                p.Tensor.copy_(TallStep(x, g, LearningRate, Retraction));
                continue;
            }
            var omega = GivensFlow.DenseOmega(p, g).reshape(x.shape[..^2].Append(p.D).Append(p.D).ToArray());
            var eye_ = eye(p.D, dtype: x.dtype);
            var a = omega * (-LearningRate);                       // the tangent direction −ηΩ in the Lie algebra
            Tensor next;
            if (Retraction == RetractionKind.Qr) next = QrFactor(p.Columns ? x + matmul(x, a) : x + matmul(a.transpose(-2, -1), x));
            else
            {
                var rot = Retraction == RetractionKind.Exp ? linalg.matrix_exp(a) : linalg.solve(eye_ - a * 0.5, eye_ + a * 0.5);
                next = p.Columns ? matmul(x, rot) : matmul(rot.transpose(-2, -1), x);
            }
            p.Tensor.copy_(next);
        }
        Steps++;
    }

    /// <summary>
    /// The tall step without n×n matrices: ηΩ = (η/2)(XGᵀ − GXᵀ) = UVᵀ with U = [X, G] and V = (η/2)[G, −X] (n×2k),
    /// so with M = VᵀU (2k×2k): exp(UVᵀ)X = X + Uφ(M)VᵀX, φ(M) = Σ M^j/(j + 1)! (the top-right block of
    /// exp([[M, I], [0, 0]])); the Cayley step (I + UVᵀ/2)(I − UVᵀ/2)⁻¹X is Y + ½UVᵀY with Y = X + ½U(I − ½M)⁻¹VᵀX
    /// (Woodbury); the QR step is qf(X + UVᵀX). The same points as the n×n formulas, up to rounding.
    /// </summary>
    static Tensor TallStep(Tensor x, Tensor g, double lr, RetractionKind retraction)
    {
        var u = cat([x, g], -1);
        var vt = cat([g, x.neg()], -1).transpose(-2, -1) * (0.5 * lr);
        var vx = matmul(vt, x);                                   // VᵀX (…, 2k, k)
        if (retraction == RetractionKind.Qr) return QrFactor(x + matmul(u, vx));
        var m = matmul(vt, u);                                    // M = VᵀU (…, 2k, 2k)
        long r = m.shape[^1];
        if (retraction == RetractionKind.Exp)
        {
            var block = zeros([.. m.shape[..^2], 2 * r, 2 * r], dtype: m.dtype);
            block.narrow(-2, 0, r).narrow(-1, 0, r).copy_(m);
            block.narrow(-2, 0, r).narrow(-1, r, r).copy_(eye(r, dtype: m.dtype));
            var phi = linalg.matrix_exp(block).narrow(-2, 0, r).narrow(-1, r, r);
            return x + matmul(u, matmul(phi, vx));
        }
        var y = x + matmul(u, linalg.solve(eye(r, dtype: m.dtype) - m * 0.5, vx)) * 0.5;
        return y + matmul(u, matmul(vt, y)) * 0.5;
    }

    /// <summary>The Q factor of a QR decomposition with R's diagonal made non-negative (a zero diagonal entry keeps its column).</summary>
    static Tensor QrFactor(Tensor moved)
    {
        var (q, r) = linalg.qr(moved);
        var sign = r.diagonal(0, -2, -1).sign();
        return q * where(sign == 0, ones_like(sign), sign).unsqueeze(-2);
    }

    /// <inheritdoc/>
    public void zero_grad()
    {
        foreach (var p in _params) p.Tensor.grad?.zero_();
    }

    /// <inheritdoc/>
    public void Dispose() { }
}
