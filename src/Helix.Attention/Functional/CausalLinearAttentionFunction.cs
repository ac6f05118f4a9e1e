using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace Helix.Attention;

/// <summary>
/// Custom autograd for <see cref="CausalChunks"/>: saves only its inputs (q, k, v, S0) and rebuilds prefix and
/// suffix states in backward, so autograd memory stays O(L·(m + e)) rather than O(L·m·e).
/// Inputs: q, k [N, L, m], v [N, L, e], S0 [N, m, e], chunk size (int). Outputs: [N, L, e] and the final state [N, m, e].
/// </summary>
internal sealed class CausalLinearAttentionFunction : MultiTensorFunction<CausalLinearAttentionFunction>
{
    public override string Name => "CausalLinearAttention";

    public override List<Tensor> forward(AutogradContext ctx, params object[] vars)
    {
        var (q, k, v, s0) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2], (Tensor)vars[3]);
        int chunk = (int)vars[4];
        ctx.save_for_backward(new List<Tensor> { q, k, v, s0 });
        ctx.save_data("chunk", chunk);
        // TorchSharp materializes missing output gradients from tensors that the caller's dispose scope may already
        // have freed; we build the zeros ourselves instead.
        ctx.set_materialize_grads(false);
        var (output, state) = CausalChunks.Forward(q, k, v, s0, chunk);
        return new List<Tensor> { output, state };
    }

    public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();   // the backward is not itself differentiated: record no graph on the saved inputs
        var saved = ctx.get_saved_variables();
        int chunk = (int)ctx.get_data("chunk");
        var (q, v, s0) = (saved[0], saved[2], saved[3]);
        var g = Defined(grad_outputs[0]) ?? zeros(q.shape[0], q.shape[1], v.shape[2], dtype: q.dtype, device: q.device);
        var gState = Defined(grad_outputs[1]) ?? zeros_like(s0);
        var (dq, dk, dv, ds0) = CausalChunks.Backward(q, saved[1], v, s0, g, gState, chunk);
        var grads = new List<Tensor> { dq, dk, dv, ds0 };
        foreach (var t in grads) t.MoveToOuterDisposeScope();
        grads.Add(null!);
        return grads;
    }

    static Tensor? Defined(Tensor? t) => t is null || t.IsInvalid ? null : t;
}
