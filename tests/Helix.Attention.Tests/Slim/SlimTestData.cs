using Helix.Attention.Slim;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Slim;

/// <summary>Batches and gradient comparison shared by the SLiM tests.</summary>
internal static class SlimTestData
{
    /// <summary>Two sequences of L inputs; the second ends in three padding tokens (masked as keys, no loss there).</summary>
    public static CausalLmBatch PaddedBatch(int vocab, int length, long seed)
    {
        var g = new Generator((ulong)seed);
        var tokens = torch.randint(0, vocab, new long[] { 2, length + 1 }, dtype: ScalarType.Int64, generator: g);
        var pad = torch.zeros(new long[] { 2, length + 1 }, dtype: ScalarType.Bool);
        pad[1, TensorIndex.Slice(length - 2)] = torch.tensor(true);
        return CausalLmBatch.FromSequences(tokens, pad);
    }

    /// <summary>Zeroes every gradient, runs <paramref name="step"/>, and returns its stats and copies of all gradients by parameter name.</summary>
    public static (SlimStats Stats, Dictionary<string, Tensor> Grads) Gradients(nn.Module model, Func<SlimStats> step)
    {
        model.zero_grad();
        var stats = step();
        var grads = model.named_parameters().ToDictionary(p => p.name, p => (p.parameter.grad ?? torch.zeros_like(p.parameter)).clone());
        return (stats, grads);
    }

    /// <summary>Every parameter's gradient agrees to <paramref name="relative"/> of that gradient's largest entry.</summary>
    public static void AssertSameGradients(Dictionary<string, Tensor> expected, Dictionary<string, Tensor> actual, double relative)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, e) in expected)
        {
            double scale = e.abs().max().ToDouble(), err = (e - actual[name]).abs().max().ToDouble();
            Assert.True(scale > 0, $"gradient of {name} is zero: the test cannot tell anything about it");
            Assert.True(err <= relative * scale, $"gradient of {name}: max error {err:G3} vs scale {scale:G3}");
        }
    }
}
