using static TorchSharp.torch;

namespace Helix.Attention.Slim;

/// <summary>
/// A causal <see cref="PerformerLM"/> seen through <see cref="ISliceableCausalModel"/>, so SLiM can train it slice by
/// slice: its layers' <see cref="CausalState"/> (S, Z) become the additive state [S, Z].
/// </summary>
public sealed class PerformerLmSlices : ISliceableCausalModel
{
    readonly PerformerLM _lm;

    /// <summary>Wraps <paramref name="lm"/>; it must be causal with a linear mechanism (FAVOR+ or generalized) and projections not redrawn at every call.</summary>
    public PerformerLmSlices(PerformerLM lm)
    {
        ArgumentNullException.ThrowIfNull(lm);
        var c = lm.Config;
        if (!c.Causal)
            throw new ArgumentException("SLiM trains causal models only: build the PerformerLM with Causal = true.", nameof(lm));
        if (c.Attention.Mechanism == AttentionMechanism.Exact)
            throw new ArgumentException("SLiM needs linear attention with a prefix state: use AttentionMechanism.Favor or Generalized, not Exact.", nameof(lm));
        if (c.Attention.Redraw.Kind == RedrawKind.EveryCall)
            throw new ArgumentException("SLiM runs each step as many slice calls, so projections redrawn at every call would differ between slices; use RedrawPolicy.Fixed or EveryNSteps.", nameof(lm));
        _lm = lm;
    }

    /// <summary>The wrapped model.</summary>
    public PerformerLM Model => _lm;

    /// <inheritdoc/>
    public int Depth => _lm.Layers.Count;

    /// <inheritdoc/>
    public bool IsStochastic => _lm.training && _lm.Config.Dropout > 0;

    /// <inheritdoc/>
    public Tensor Forward(Tensor tokens, Tensor? keyPaddingMask) => _lm.call(tokens, keyPaddingMask);

    /// <inheritdoc/>
    public Tensor Embed(Tensor tokens, long start) => _lm.Embed(tokens, start);

    /// <inheritdoc/>
    public (Tensor Output, Tensor[] State) ForwardSlice(int layer, Tensor x, long start, Tensor[]? stateIn, Tensor? keyPaddingMask)
    {
        var (y, s) = _lm.Layers[layer].ForwardSlice(x, start, stateIn is null ? null : new CausalState(stateIn[0], stateIn[1]), keyPaddingMask);
        return (y, new[] { s.S, s.Z });
    }

    /// <inheritdoc/>
    public Tensor[] SliceContribution(int layer, Tensor x, long start, Tensor? keyPaddingMask)
    {
        var s = _lm.Layers[layer].SliceContribution(x, start, keyPaddingMask);
        return new[] { s.S, s.Z };
    }

    /// <inheritdoc/>
    public Tensor Head(Tensor x) => _lm.Head(x);
}
