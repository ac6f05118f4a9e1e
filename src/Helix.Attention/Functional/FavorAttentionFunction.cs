using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace Helix.Attention;

/// <summary>
/// Custom autograd for <see cref="FavorBlocks"/>: saves the inputs, the key sums KV [B, H, m, e+1], the key shift, the
/// denominators [B, H, Lq, 1] and the output, and recomputes the features block by block in backward, so autograd
/// memory is O(L·(d + e) + m·e) instead of O(L·m). Inputs: q, k, v, W (no gradient), keep (bool or null), block rows (long).
/// </summary>
internal sealed class FavorAttentionFunction : MultiTensorFunction<FavorAttentionFunction>
{
    public override string Name => "FavorBidirectional";

    public override List<Tensor> forward(AutogradContext ctx, params object[] vars)
    {
        var (q, k, v, w) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2], (Tensor)vars[3]);
        var keep = vars[4] as Tensor;
        long block = (long)vars[5];
        var (output, kv, shift, den) = FavorBlocks.Forward(q, k, v, w, keep, block);
        // The output is saved detached (no grad_fn), so the saved list holds no reference to this node's own output.
        ctx.save_for_backward(new List<Tensor> { q, k, v, w, keep!, kv, shift, den, output.detach() });
        ctx.save_data("block", block);
        ctx.set_materialize_grads(false);
        return new List<Tensor> { output };
    }

    public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();   // the backward is not itself differentiated: record no graph on the saved inputs
        var s = ctx.get_saved_variables();
        long block = (long)ctx.get_data("block");
        var g = grad_outputs[0];
        if (g is null || g.IsInvalid) return new List<Tensor> { null!, null!, null!, null!, null!, null! };
        var (dq, dk, dv) = FavorBlocks.Backward(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], g, block);
        return new List<Tensor> { dq.MoveToOuterDisposeScope(), dk.MoveToOuterDisposeScope(), dv.MoveToOuterDisposeScope(), null!, null!, null! };
    }
}
