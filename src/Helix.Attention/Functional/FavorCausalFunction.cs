using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace Helix.Attention;

/// <summary>
/// Custom autograd for <see cref="FavorCausalBlocks"/>: saves the inputs, each query's denominator, the output, the
/// final state (float64) and each block's masked c×c scores, and recomputes features and states block by block in
/// backward, so autograd memory is O(L·(d + e + c)) plus a few states instead of O(L·m).
/// Inputs: q, k, v, W' (no gradient), b (or null), key shift (double), keep (or null), block rows (long), segment
/// tokens (long), initial state S0 [B, H, m, e + 1] (or null), trim the heap at the ends of forward and backward (bool). Outputs: the attention output and the final state
/// [B, H, m, e + 1] in the data's dtype (both differentiable, so SLiM can carry the state between slices).
/// </summary>
internal sealed class FavorCausalFunction : MultiTensorFunction<FavorCausalFunction>
{
    public override string Name => "FavorCausal";

    public override List<Tensor> forward(AutogradContext ctx, params object[] vars)
    {
        var (q, k, v, w) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2], (Tensor)vars[3]);
        var bias = vars[4] as Tensor;
        double shift = (double)vars[5];
        var keep = vars[6] as Tensor;
        long block = (long)vars[7], segment = (long)vars[8];
        var initial = vars[9] as Tensor;
        bool trimHeap = (bool)vars[10];
        // Each block's masked scores are kept for backward: L·c elements, a c/m share of what the features would take.
        var scores = empty(new[] { q.shape[0], q.shape[1], FavorCausalBlocks.TotalBlocks(q.shape[2], block, segment), block, block }, dtype: q.dtype, device: q.device);
        var (output, den, final) = FavorCausalBlocks.Forward(q, k, v, w, bias, shift, keep, block, segment, initial, trimHeap, scores);
        // The output is saved detached (no grad_fn), so the saved list holds no reference to this node's own output.
        ctx.save_for_backward(new List<Tensor> { q, k, v, w, bias!, keep!, den, output.detach(), final, scores });
        ctx.save_data("shift", shift);
        ctx.save_data("block", block);
        ctx.save_data("segment", segment);
        ctx.save_data("initial", initial is not null);
        ctx.save_data("trim", trimHeap);
        ctx.set_materialize_grads(false);
        return new List<Tensor> { output, final.to_type(q.dtype) };
    }

    public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();   // the backward is not itself differentiated: record no graph on the saved inputs
        var s = ctx.get_saved_variables();
        var (g, gFinal) = (Defined(grad_outputs[0]), grad_outputs.Count > 1 ? Defined(grad_outputs[1]) : null);
        var grads = new List<Tensor> { null!, null!, null!, null!, null!, null!, null!, null!, null!, null!, null! };
        if (g is null && gFinal is null) return grads;
        g ??= zeros_like(s[7]);
        var (dq, dk, dv, dInitial) = FavorCausalBlocks.Backward(s[0], s[1], s[2], s[3], Defined(s[4]), (double)ctx.get_data("shift"), Defined(s[5]),
            s[6], s[7], s[8], g, gFinal, (long)ctx.get_data("block"), (long)ctx.get_data("segment"), (bool)ctx.get_data("trim"), s[9]);
        grads[0] = dq.MoveToOuterDisposeScope();
        grads[1] = dk.MoveToOuterDisposeScope();
        grads[2] = dv.MoveToOuterDisposeScope();
        if ((bool)ctx.get_data("initial")) grads[9] = dInitial.MoveToOuterDisposeScope();
        return grads;
    }

    static Tensor? Defined(Tensor? t) => t is null || t.IsInvalid ? null : t;
}
