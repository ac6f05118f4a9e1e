using static TorchSharp.torch;

namespace Helix.Attention.Slim;

/// <summary>
/// What SLiM needs from a causal language model: run it over consecutive slices of tokens, carrying each layer's
/// additive prefix state (for causal linear attention, the sums S = Σ φ(k) vᵀ and z = Σ φ(k)).
/// </summary>
/// <remarks>
/// Contract: running <see cref="Embed"/>, then every layer's <see cref="ForwardSlice"/> over consecutive slices
/// carrying the states, then <see cref="Head"/>, gives the logits of <see cref="Forward"/> on the whole sequence, for
/// any slicing; the state after a slice equals the state before it plus <see cref="SliceContribution"/> of the layer's
/// input on that slice. A state is a list of tensors that add elementwise. <see cref="SliceContribution"/> draws no
/// random numbers, and a slice's random draws (dropout) happen in the order Embed, layer 0, layer 1, ...
/// </remarks>
public interface ISliceableCausalModel
{
    /// <summary>Number of layers, each with its own prefix state.</summary>
    int Depth { get; }

    /// <summary>True when a forward pass draws random numbers (training mode with dropout), so SLiM must replay them.</summary>
    bool IsStochastic { get; }

    /// <summary>The ordinary whole-sequence pass: tokens [B,L] int64 → logits [B,L,V].</summary>
    Tensor Forward(Tensor tokens, Tensor? keyPaddingMask);

    /// <summary>Token and position embedding of a slice [B,C] whose first token sits at absolute position <paramref name="start"/>.</summary>
    Tensor Embed(Tensor tokens, long start);

    /// <summary>Layer <paramref name="layer"/> on a slice: input [B,C,D] and the state before it (null = empty) → output and the state after it.</summary>
    (Tensor Output, Tensor[] State) ForwardSlice(int layer, Tensor x, long start, Tensor[]? stateIn, Tensor? keyPaddingMask);

    /// <summary>What a slice adds to layer <paramref name="layer"/>'s state, given the layer's input on the slice.</summary>
    Tensor[] SliceContribution(int layer, Tensor x, long start, Tensor? keyPaddingMask);

    /// <summary>Final norm and output projection: hidden [B,C,D] → logits [B,C,V].</summary>
    Tensor Head(Tensor x);
}
