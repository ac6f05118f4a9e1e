using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Orthogonal.Tests.Flows;

/// <summary>
/// The dense baselines' tall step (St(n, k), 2k &lt; n), which acts through 2k×2k matrices, against the n×n formulas it
/// replaces, written out here with ηΩ = (η/2)(XGᵀ − GXᵀ).
/// </summary>
public class RiemannianDescentTests
{
    [Theory]
    [InlineData(RetractionKind.Exp, 1)]
    [InlineData(RetractionKind.Cayley, 1)]
    [InlineData(RetractionKind.Qr, 1)]
    [InlineData(RetractionKind.Exp, 3)]
    [InlineData(RetractionKind.Cayley, 3)]
    [InlineData(RetractionKind.Qr, 3)]
    public void TallStepEqualsTheNByNFormula(RetractionKind retraction, int batch)
    {
        using var scope = NewDisposeScope();
        const int n = 23, k = 4;
        const double lr = 0.7;
        var start = stack(Enumerable.Range(0, batch).Select(b => RandomOrthogonal.Draw(n, k, 5 + b)).ToArray());
        var g = randn(new long[] { batch, n, k }, dtype: ScalarType.Float64, generator: new Generator(9)) * 3.0;
        var p = new Parameter(start.clone());
        p.grad = g.clone();
        using (var opt = new RiemannianDescent([p], lr, retraction)) opt.step();

        var a = (matmul(start, g.transpose(-2, -1)) - matmul(g, start.transpose(-2, -1))) * (0.5 * lr);   // ηΩ, n×n
        var eye_ = eye(n, dtype: ScalarType.Float64);
        Tensor expected = retraction switch
        {
            RetractionKind.Exp => matmul(linalg.matrix_exp(a), start),
            RetractionKind.Cayley => matmul(eye_ + a * 0.5, linalg.solve(eye_ - a * 0.5, start)),
            _ => QrPositive(start + matmul(a, start)),
        };
        double err = (p.detach() - expected).abs().max().item<double>();
        Assert.True(err < 1e-12, $"{retraction}, batch {batch}: max difference {err:E2}");
        // The step moved (a large rate) and stayed on the manifold.
        Assert.True((p.detach() - start).abs().max().item<double>() > 0.1);
        Assert.True(OrthogonalMaps.OrthogonalityError(p.detach()) < 1e-12);
    }

    static Tensor QrPositive(Tensor m)
    {
        var (q, r) = linalg.qr(m);
        return q * r.diagonal(0, -2, -1).sign().unsqueeze(-2);
    }
}
