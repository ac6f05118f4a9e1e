using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>
/// Prefix sums of causal linear attention, per layer and head: <c>S = Σ φ(k_j) v_jᵀ</c> [B,H,m,dh] and
/// <c>Z = Σ φ(k_j)</c> [B,H,m]. The tensors are owned by whoever holds the record.
/// </summary>
public sealed record CausalState(Tensor S, Tensor Z);
