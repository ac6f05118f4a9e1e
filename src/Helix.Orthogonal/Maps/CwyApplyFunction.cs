using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace Helix.Orthogonal;

/// <summary>
/// Custom autograd for <see cref="CwyBlocks"/>: Q·X (or Q's first M columns) from raw reflection vectors V, with the
/// hand-written backward that reuses the forward's blocks of V, 1/‖v‖, U_jᵀU_j, T_j = S_j⁻¹, V_jᵀIn_j and block inputs. Inputs: V (…, N, L),
/// X (…, N, K) or null for the frame, M (long, frame columns), block (long). X's gradient only when X requires one.
/// </summary>
internal sealed class CwyApplyFunction : MultiTensorFunction<CwyApplyFunction>
{
    public override string Name => "CwyBlocked";

    public override List<Tensor> forward(AutogradContext ctx, params object[] vars)
    {
        var v = (Tensor)vars[0];
        var x = vars[1] as Tensor;
        long m = (long)vars[2], block = (long)vars[3];
        Tensor y;
        CwyBlocks.State? state;
        using (no_grad()) y = CwyBlocks.Forward(v, x, m, block, keepState: true, out state);
        var st = state!;
        var saved = new List<Tensor> { st.V, st.InverseNorms, st.Gram, st.T, st.W, st.Z };
        if (st.Inputs is not null) saved.Add(st.Inputs);
        ctx.save_for_backward(saved);
        ctx.save_data("wantX", x is not null && x.requires_grad);
        ctx.save_data("l", st.L);
        ctx.save_data("m", st.M);
        ctx.save_data("vShape", v.shape);
        ctx.save_data("xShape", x?.shape ?? Array.Empty<long>());
        ctx.set_materialize_grads(false);
        return new List<Tensor> { y };
    }

    public override List<Tensor> backward(AutogradContext ctx, List<Tensor> grad_outputs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();   // the backward is not itself differentiated: record no graph on the saved inputs
        var g = grad_outputs[0];
        if (g is null || g.IsInvalid) return new List<Tensor> { null!, null!, null!, null! };
        var saved = ctx.get_saved_variables();
        bool wantX = (bool)ctx.get_data("wantX");
        var state = new CwyBlocks.State(saved[0], saved[1], saved[2], saved[3], saved[4], saved[5], saved.Count > 6 ? saved[6] : null,
            (long)ctx.get_data("l"), (long)ctx.get_data("m"));
        var (dv, dx) = CwyBlocks.Backward(state, g, wantX);
        var gv = CwyBlocks.SumToShape(dv, (long[])ctx.get_data("vShape")).MoveToOuterDisposeScope();
        var gx = dx is null ? null : CwyBlocks.SumToShape(dx, (long[])ctx.get_data("xShape")).MoveToOuterDisposeScope();
        return new List<Tensor> { gv, gx!, null!, null! };
    }
}
