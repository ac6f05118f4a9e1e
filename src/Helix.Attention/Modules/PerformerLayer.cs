using Helix.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>
/// Pre-LayerNorm Performer block: x + dropout(attn(norm1(x))), then x + dropout(ff(norm2(x))) with
/// ff = Linear → GELU → Linear. With <see cref="PerformerConfig.LocalMixKernel"/> &gt; 0 a depthwise convolution
/// over neighbouring tokens comes first: x + dropout(conv(norm0(x))). Causal layers also run on slices, carrying the
/// attention state between them.
/// </summary>
public sealed class PerformerLayer : nn.Module<Tensor, Tensor?, Tensor>
{
    readonly LayerNorm? mixNorm;
    readonly Conv1d? mix;
    readonly LayerNorm norm1;
    readonly MultiheadAttention attn;
    readonly Dropout dropout;
    readonly LayerNorm norm2;
    readonly Sequential ff;

    /// <summary>Builds a layer of width <c>config.Dim</c>; <paramref name="attention"/> sets this layer's attention (seed included).</summary>
    public PerformerLayer(PerformerConfig config, AttentionConfig attention) : base(nameof(PerformerLayer))
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(attention);
        TensorGuard.Positive(config.FeedForwardMultiplier, "config.FeedForwardMultiplier");
        if (config.Dropout is < 0 or >= 1 || double.IsNaN(config.Dropout))
            throw new ArgumentOutOfRangeException(nameof(config), config.Dropout, "Dropout must be in [0, 1)");
        if (config.LocalMixKernel != 0)
        {
            if (config.LocalMixKernel < 0 || config.LocalMixKernel % 2 == 0)
                throw new ArgumentOutOfRangeException(nameof(config), config.LocalMixKernel, "LocalMixKernel must be 0 or a positive odd width");
            if (config.Causal)
                throw new ArgumentException("LocalMixKernel is for bidirectional models; causal models (and SLiM slices) do not support it", nameof(config));
            mixNorm = nn.LayerNorm(config.Dim);
            mix = nn.Conv1d(config.Dim, config.Dim, config.LocalMixKernel, padding: config.LocalMixKernel / 2, groups: config.Dim);
        }
        norm1 = nn.LayerNorm(config.Dim);
        attn = new MultiheadAttention(config.Dim, config.Heads, attention, config.Causal, config.Position == PositionKind.Rotary);
        dropout = nn.Dropout(config.Dropout);
        norm2 = nn.LayerNorm(config.Dim);
        long hidden = (long)config.Dim * config.FeedForwardMultiplier;
        ff = nn.Sequential(nn.Linear(config.Dim, hidden), nn.GELU(), nn.Linear(hidden, config.Dim));
        RegisterComponents();
    }

    /// <summary>The layer's attention module.</summary>
    public MultiheadAttention Attention => attn;

    /// <summary>Applies the block to x [B, L, D] (keyPaddingMask [B, L], true = padding).</summary>
    public override Tensor forward(Tensor x, Tensor? keyPaddingMask)
    {
        using var scope = NewDisposeScope();
        x = LocalMix(x, keyPaddingMask);
        var h = norm1.call(x);
        var a = attn.call(h, h, h, keyPaddingMask);
        return FeedForward(x + dropout.call(a)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The block's output at one position per batch row, <paramref name="positions"/>[r] (int64 [B]) of x [B, L, D]:
    /// [B, 1, D], the rows <see cref="forward"/> gives there, with attention queries, feed-forward and everything after
    /// them computed at those positions only. Needs <see cref="CanForwardAt"/>.
    /// </summary>
    public Tensor ForwardAt(Tensor x, Tensor? keyPaddingMask, Tensor positions)
    {
        TensorGuard.Rank(x, 3, nameof(x), "[B, L, D]");
        TensorGuard.Indices(positions, x.shape[0], x.shape[1], nameof(positions));
        using var scope = NewDisposeScope();
        x = LocalMix(x, keyPaddingMask);
        var h = norm1.call(x);
        var index = positions.view(-1, 1, 1).expand(-1, 1, x.shape[2]);
        var a = attn.AttendAt(h.gather(1, index), h, h, keyPaddingMask, positions);
        return FeedForward(x.gather(1, index) + dropout.call(a)).MoveToOuterDisposeScope();
    }

    /// <summary>Whether <see cref="ForwardAt"/> gives exactly the full block's rows (bidirectional, and FAVOR++ only with a fixed ρ).</summary>
    public bool CanForwardAt => attn.CanAttendAt;

    /// <summary>
    /// The block on a slice x [B, l, D] whose first token is at absolute position <paramref name="start"/>, continuing
    /// causal attention from <paramref name="stateIn"/> (null = start of sequence). Returns the slice output and the
    /// attention state after the slice. Causal FAVOR+/generalized layers only.
    /// </summary>
    public (Tensor Y, CausalState StateOut) ForwardSlice(Tensor x, long start, CausalState? stateIn, Tensor? keyPaddingMask)
    {
        if (start < 0) throw new ArgumentOutOfRangeException(nameof(start), start, "start must be ≥ 0");
        using var scope = NewDisposeScope();
        var h = norm1.call(x);
        var (a, state) = attn.Attend(h, h, h, keyPaddingMask, start, stateIn, wantState: true);
        var y = FeedForward(x + dropout.call(a));
        return (y.MoveToOuterDisposeScope(), new CausalState(state!.S.MoveToOuterDisposeScope(), state.Z.MoveToOuterDisposeScope()));
    }

    /// <summary>What the slice x [B, l, D] (this layer's input, first token at <paramref name="start"/>) adds to this layer's causal state.</summary>
    public CausalState SliceContribution(Tensor x, long start, Tensor? keyPaddingMask)
    {
        if (start < 0) throw new ArgumentOutOfRangeException(nameof(start), start, "start must be ≥ 0");
        using var scope = NewDisposeScope();
        var s = attn.StateContribution(norm1.call(x), start, keyPaddingMask);
        return new CausalState(s.S.MoveToOuterDisposeScope(), s.Z.MoveToOuterDisposeScope());
    }

    // Padding is zeroed before the convolution so that a window's edge sees the same input however it is padded.
    Tensor LocalMix(Tensor x, Tensor? keyPaddingMask)
    {
        if (mix is null) return x;
        var h = mixNorm!.call(x);
        if (keyPaddingMask is not null) h = h.masked_fill(keyPaddingMask.unsqueeze(-1), 0);
        return x + dropout.call(mix.call(h.transpose(1, 2)).transpose(1, 2));
    }

    Tensor FeedForward(Tensor x) => x + dropout.call(ff.call(norm2.call(x)));
}
