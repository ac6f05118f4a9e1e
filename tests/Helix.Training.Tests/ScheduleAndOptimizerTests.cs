using static TorchSharp.torch;

namespace Helix.Training.Tests;

public class ScheduleAndOptimizerTests
{
    [Fact]
    public void WarmupIsLinearThenCosineDecaysToTheFloor()
    {
        var s = new WarmupCosineSchedule(1e-3, 10, 110, 0.1);
        Assert.Equal(1e-4, s.At(1), 12);
        Assert.Equal(5e-4, s.At(5), 12);
        Assert.Equal(1e-3, s.At(10), 12);
        Assert.Equal(1e-3 * (0.1 + 0.9 * 0.5), s.At(60), 12);   // half way through the cosine
        Assert.Equal(1e-4, s.At(110), 12);
        Assert.Equal(1e-4, s.At(500), 12);
        for (int t = 11; t < 110; t++) Assert.True(s.At(t + 1) < s.At(t));
    }

    [Fact]
    public void OnlyMatricesAreDecayed()
    {
        using var m = new TinyClassifier();
        var (decay, plain) = AdamWSetup.Split(m);
        Assert.Equal(2, decay.Count);
        Assert.All(decay, p => Assert.Equal(2, p.dim()));
        Assert.Equal(2, plain.Count);
        Assert.All(plain, p => Assert.Equal(1, p.dim()));
        var (decay2, _) = AdamWSetup.Split(m, name => name.StartsWith("fc1"));
        Assert.Single(decay2);
    }

    [Fact]
    public void WeightDecayShrinksMatricesButNotBiasesWhenGradientsAreZero()
    {
        using var m = new TinyClassifier();
        using var opt = AdamWSetup.Create(m, learningRate: 0.1, weightDecay: 0.5);
        var before = m.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
        foreach (var (_, p) in m.named_parameters()) p.grad = zeros_like(p);
        opt.step();
        foreach (var (name, p) in m.named_parameters())
        {
            var expected = p.dim() >= 2 ? before[name] * (1 - 0.1 * 0.5) : before[name];
            Assert.True(p.detach().allclose(expected, rtol: 1e-6, atol: 1e-7), name);
        }
    }
}
