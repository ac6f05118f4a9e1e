using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Bilevel.Model;

/// <summary>
/// The standard few-shot network (Vinyals et al.; Finn et al.): <see cref="ConvNetConfig.Blocks"/> blocks of
/// conv 3×3 (padding 1) → batch norm → ReLU → max-pool 2, then a linear layer. Batch norm always uses the batch's
/// statistics (transductive, as in MAML) and keeps no running statistics, so the network is a pure function of its
/// parameter list: <see cref="Forward(Tensor, IReadOnlyList{Tensor}, ConvNetConfig)"/> runs it on any weights (the
/// adapted θ_j of an inner loop) without copying the module.
/// </summary>
public sealed class ConvNet : nn.Module<Tensor, Tensor>
{
    readonly Parameter[] _weights;

    /// <summary>The shape.</summary>
    public ConvNetConfig Config { get; }

    /// <summary>The parameters in <see cref="Forward(Tensor, IReadOnlyList{Tensor}, ConvNetConfig)"/>'s order:
    /// per block conv weight, conv bias, norm weight, norm bias; then head weight and bias.</summary>
    public IReadOnlyList<Parameter> Weights => _weights;

    /// <summary>Builds the network with PyTorch's default initialization, drawn from <paramref name="seed"/>.</summary>
    /// <param name="config">The shape.</param>
    /// <param name="seed">Seed of the initial weights.</param>
    /// <param name="dtype">Parameter type (float32 for training, float64 for gradient tests).</param>
    public ConvNet(ConvNetConfig config, ulong seed, ScalarType dtype = ScalarType.Float32) : base("ConvNet")
    {
        Config = config.Validate();
        using var gen = new Generator(seed);
        var list = new List<Parameter>();
        int cin = 1;
        for (int b = 0; b < config.Blocks; b++)
        {
            double bound = 1.0 / Math.Sqrt(cin * 9);
            list.Add(Uniform(new long[] { config.Filters, cin, 3, 3 }, bound, gen, dtype, $"conv{b}_weight"));
            list.Add(Uniform(new long[] { config.Filters }, bound, gen, dtype, $"conv{b}_bias"));
            list.Add(Named(ones(config.Filters, dtype: dtype), $"norm{b}_weight"));
            list.Add(Named(zeros(config.Filters, dtype: dtype), $"norm{b}_bias"));
            cin = config.Filters;
        }
        long features = (long)config.Filters * config.FeatureSide * config.FeatureSide;
        double hb = 1.0 / Math.Sqrt(features);
        list.Add(Uniform(new long[] { config.Ways, features }, hb, gen, dtype, "head_weight"));
        list.Add(Uniform(new long[] { config.Ways }, hb, gen, dtype, "head_bias"));
        _weights = list.ToArray();
        for (int i = 0; i < _weights.Length; i++) register_parameter(_names[i], _weights[i]);
    }

    readonly List<string> _names = new();

    Parameter Uniform(long[] shape, double bound, Generator gen, ScalarType dtype, string name) =>
        Named(rand(shape, dtype: dtype, generator: gen) * (2 * bound) - bound, name);

    Parameter Named(Tensor t, string name)
    {
        _names.Add(name);
        return new Parameter(t.detach(), requires_grad: true);
    }

    /// <summary>Logits of the module's own weights.</summary>
    /// <param name="images">[B, 1, side, side] or [B, side·side].</param>
    public override Tensor forward(Tensor images) => Forward(images, _weights, Config);

    /// <summary>The network as a function of a parameter list (same order as <see cref="Weights"/>).</summary>
    /// <param name="images">[B, 1, side, side] or [B, side·side].</param>
    /// <param name="weights">The parameters.</param>
    /// <param name="config">The shape.</param>
    public static Tensor Forward(Tensor images, IReadOnlyList<Tensor> weights, ConvNetConfig config)
    {
        int expected = 4 * config.Blocks + 2;
        if (weights.Count != expected) throw new ArgumentException($"the network takes {expected} parameter tensors, got {weights.Count}");
        using var scope = NewDisposeScope();
        var x = images.dim() == 2 ? images.reshape(-1, 1, config.ImageSize, config.ImageSize) : images;
        for (int b = 0; b < config.Blocks; b++)
        {
            x = nn.functional.conv2d(x, weights[4 * b], weights[4 * b + 1], padding: new long[] { 1, 1 });
            x = nn.functional.batch_norm(x, null, null, weights[4 * b + 2], weights[4 * b + 3], training: true);
            x = nn.functional.relu(x);
            x = nn.functional.max_pool2d(x, new long[] { 2, 2 });
        }
        x = x.flatten(1);
        return nn.functional.linear(x, weights[^2], weights[^1]).MoveToOuterDisposeScope();
    }
}
