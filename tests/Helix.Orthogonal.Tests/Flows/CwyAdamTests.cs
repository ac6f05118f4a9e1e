using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Orthogonal.Tests.Flows;

public class CwyAdamTests
{
    [Theory]
    [InlineData(8, 8)]
    [InlineData(9, 9)]
    [InlineData(10, 3)]
    public void StartsAtTheWeightAndFollowsTheChainRule(int n, int k)
    {
        using var _ = NewDisposeScope();
        var x0 = RandomOrthogonal.Draw(n, k, 2);
        var p = new Parameter(x0.clone());
        using var opt = new CwyAdam([p], 1e-3, seed: 3);
        // no gradient: nothing moves
        opt.step();
        Assert.True(TestTensors.MaxAbs(p, x0) == 0);
        // the paired start is Q = I: one step with G = 0 leaves X at X₀ up to rounding
        p.grad = zeros_like(p);
        opt.step();
        Assert.True(TestTensors.MaxAbs(p, x0) < 1e-13, $"start drift {TestTensors.MaxAbs(p, x0)}");
        // a real gradient: the first Adam step moves every vector coordinate by ≈ lr, and the loss decreases
        var problem = new ProcrustesProblem(n, 5);
        if (n == k)
        {
            var q = new Parameter(problem.Start.clone());
            using var o2 = new CwyAdam([q], 1e-3, seed: 3);
            double before = problem.RelativeError(q);
            o2.zero_grad();
            problem.Loss(q).backward();
            o2.step();
            Assert.True(problem.RelativeError(q) < before);
            Assert.True(OrthogonalMaps.OrthogonalityError(q) < 1e-13);
        }
        Assert.True(OrthogonalMaps.OrthogonalityError(p) < 1e-13);
    }

    [Fact]
    public void ConvergesOnProcrustesAndBrockettStayingOrthogonal()
    {
        using var _ = NewDisposeScope();
        var problem = new ProcrustesProblem(8, 3);
        var p = new Parameter(problem.Start.clone());
        using var opt = new CwyAdam([p], 0.02, seed: 1);
        double rel = GivensFlowTests.Train(opt, p, problem, 1500);
        Assert.True(rel < 1e-6, $"Procrustes relative error {rel}");
        Assert.True(OrthogonalMaps.OrthogonalityError(p) < 1e-12);
        var brockett = new BrockettProblem(10, 3, 5);
        var q = new Parameter(brockett.Start.clone());
        using var opt2 = new CwyAdam([q], 0.02, seed: 1);
        double relB = GivensFlowTests.Train(opt2, q, brockett, 1500);
        Assert.True(relB < 1e-6, $"Brockett relative error {relB}");
        Assert.Equal("cwy-adam", OrthogonalOptimizers.Create("cwy-adam", [new Parameter(RandomOrthogonal.Draw(4, 4, 1))], 0.1).Name);
    }
}
