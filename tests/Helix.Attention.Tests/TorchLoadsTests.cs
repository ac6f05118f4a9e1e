using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests;

/// <summary>Fails loudly when libtorch or the TorchSharp shim cannot be loaded on this host.</summary>
public class TorchLoadsTests
{
    [Fact]
    public void TorchSharpLoadsAndComputesGradients()
    {
        using var x = tensor(new double[] { 1, 2, 3 }, requires_grad: true);
        using var y = (x * x).sum();
        var g = torch.autograd.grad(new[] { y }, new[] { x }, create_graph: true, retain_graph: true)[0];
        Assert.Equal(new double[] { 2, 4, 6 }, g.data<double>().ToArray());
        var gg = torch.autograd.grad(new[] { g.sum() }, new[] { x })[0];
        Assert.Equal(new double[] { 2, 2, 2 }, gg.data<double>().ToArray());
        using var m = torch.ones(64, 64).matmul(torch.ones(64, 64));
        Assert.Equal(64f, m[0, 0].item<float>());
    }
}
