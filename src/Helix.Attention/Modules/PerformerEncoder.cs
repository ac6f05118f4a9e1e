using Helix.Core;
using Helix.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>A stack of <see cref="PerformerLayer"/>s followed by a final LayerNorm.</summary>
public sealed class PerformerEncoder : nn.Module<Tensor, Tensor?, Tensor>
{
    readonly ModuleList<PerformerLayer> layers;
    readonly LayerNorm norm;

    /// <summary>Builds <c>config.Depth</c> layers; layer i draws its projections from a seed derived from <c>config.Attention.Seed</c> and i.</summary>
    public PerformerEncoder(PerformerConfig config) : base(nameof(PerformerEncoder))
    {
        ArgumentNullException.ThrowIfNull(config);
        TensorGuard.Positive(config.Dim, "config.Dim");
        TensorGuard.Positive(config.Depth, "config.Depth");
        TensorGuard.Positive(config.Heads, "config.Heads");
        layers = nn.ModuleList(Enumerable.Range(0, config.Depth)
            .Select(i => new PerformerLayer(config, config.Attention with { Seed = SplitMix64.Combine(config.Attention.Seed, 1000 + i) }))
            .ToArray());
        norm = nn.LayerNorm(config.Dim);
        RegisterComponents();
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<PerformerLayer> Layers => layers.ToList();

    /// <summary>Encodes x [B, L, D] (keyPaddingMask [B, L], true = padding) and applies the final norm.</summary>
    public override Tensor forward(Tensor x, Tensor? keyPaddingMask)
    {
        using var scope = NewDisposeScope();
        foreach (var layer in layers) x = layer.call(x, keyPaddingMask);
        return norm.call(x).MoveToOuterDisposeScope();
    }

    /// <summary>The final LayerNorm alone.</summary>
    public Tensor FinalNorm(Tensor x) => norm.call(x);

    /// <summary>Applies the redraw policy of every layer for optimizer step <paramref name="step"/>.</summary>
    public void OnTrainingStep(long step)
    {
        foreach (var layer in layers) layer.Attention.OnTrainingStep(step);
    }

    /// <summary>Freezes (or unfreezes) every layer's random projections.</summary>
    public void FreezeProjections(bool frozen = true)
    {
        foreach (var layer in layers) layer.Attention.ProjectionsFrozen = frozen;
    }
}
