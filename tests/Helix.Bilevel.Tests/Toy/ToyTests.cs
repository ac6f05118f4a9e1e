using Helix.Bilevel.Estimators;
using Helix.Bilevel.Toy;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Bilevel.Tests.Toy;

public class ToyTests
{
    static readonly ToyProblem P = ToyProblem.Paper();

    [Fact]
    public void Fixed_points_match_the_paper()
    {
        Assert.Equal(3.3106, ToyProblem.Root(P.MeanFirstOrder), 3);
        double star = ToyProblem.Root(P.MetaGradient);
        Assert.Equal(1.6328, star, 3);
        foreach (var q in new[] { 0.1, 0.3, 0.5, 0.7, 0.9 })
            Assert.Equal(star, ToyProblem.Root(t => P.MeanUfom(t, q)), 9);
        Assert.Equal(1.6328, ToyProblem.Root(t => P.MeanUfom(t, 0.1)), 3);
    }

    [Fact]
    public void Fom_sgd_converges_to_3_3106_and_exact_sgd_to_theta_star()
    {
        var opts = new ToyRunOptions { Steps = 20_000 };
        var fom = ToyRun.Run(P, new EstimatorSpec(EstimatorKind.Fom), opts);
        var exact = ToyRun.Run(P, new EstimatorSpec(EstimatorKind.Exact), opts);
        Assert.True(Math.Abs(fom.LastIterate - 3.3106) < 1e-3, $"FOM: θ = {fom.LastIterate}");
        Assert.True(Math.Abs(exact.LastIterate - 1.6328) < 1e-3, $"exact: θ = {exact.LastIterate}");
        Assert.True(fom.MetaGradientNorm > 0.1, $"FOM: |dM/dθ| = {fom.MetaGradientNorm}");
        Assert.True(Math.Abs(P.MetaGradient(exact.LastIterate)) < 1e-3);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Ufom_sgd_converges_to_theta_star(double q)
    {
        var r = ToyRun.Run(P, EstimatorSpec.Parse($"ufom:{q}"), new ToyRunOptions { Steps = 4_000_000, Seed = 3 });
        // Polyak average of a stochastic run: the error shrinks like 1/√steps (q = 0.1 is the noisiest).
        double tol = q < 0.2 ? 0.02 : 0.005;
        Assert.True(Math.Abs(r.Theta - 1.6328) < tol, $"q = {q}: θ = {r.Theta}");
        Assert.InRange(r.ExactFraction, q * 0.98, q * 1.02);
    }

    [Fact]
    public void Adaptive_ufom_converges_to_theta_star()
    {
        var r = ToyRun.Run(P, new EstimatorSpec(EstimatorKind.UfomAuto), new ToyRunOptions { Steps = 2_000_000, Seed = 4 });
        // Near θ* the per-task exact gradients are smaller than the FOM bias, so the rule drives q up towards 1.
        Assert.True(Math.Abs(r.Theta - 1.6328) < 0.005, $"θ = {r.Theta}");
        Assert.InRange(r.ExactFraction, 0.05, 1.0);
    }

    [Fact]
    public void The_tensor_estimators_agree_with_the_closed_form()
    {
        using var scope = NewDisposeScope();
        for (int i = 0; i < 2; i++)
        {
            double a = P.A[i], b = P.B[i];
            var task = new BilevelTask(w => w[0] * w[0] * (a / 2) - w[0] * b, w => w[0] * w[0] * (a / 2) - w[0] * b);
            foreach (var th in new[] { 0.0, 2.0, 5.0 })
            {
                var theta = new[] { tensor(th, ScalarType.Float64) };
                var (fo, ex) = P.Estimates(i, th);
                Assert.Equal(fo, Hypergradient.FirstOrder(theta, task, P.Loop).Gradient[0].ToDouble(), 10);
                Assert.Equal(ex, Hypergradient.Exact(theta, task, P.Loop).Gradient[0].ToDouble(), 10);
            }
        }
    }
}
