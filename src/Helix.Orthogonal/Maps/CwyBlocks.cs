using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// Blocked compact WY: Q = H(u₁)···H(u_L) = Q₁···Q_B with Q_j = I − U_j T_j U_jᵀ the CWY form of the j-th run of b
/// reflections (T_j = S_j⁻¹, S_j = ½I + striu(U_jᵀU_j)). The product of the block factors is exactly Q, but the Gram
/// work drops from 2L²N flops (one L×L Gram) to 2bLN (B Grams of b×b), which is what dominates Q·X when X has few
/// columns; b = L is the plain single-block CWY. The B Grams and inverses are one batched call each, so a block costs
/// three matmuls forward and six backward (three for the chain of gradients, three for ∂v). The normalization u = v/‖v‖ is folded into the b×b matrices (U_j = V_j D_j
/// with D_j = diag(1/‖v‖)): the N×L data is only ever read by matmuls. The backward is hand-written (see
/// <see cref="CwyApplyFunction"/>); autograd through the Gram would compute UᵀU's gradient as two N×L×L products.
/// The operand is a dense X (…, N, K) or, when null, the frame [I_M; 0] (materializing the first M columns), whose
/// products with U are row slices, not matmuls.
/// </summary>
internal static class CwyBlocks
{
    /// <summary>Reflections per block for Q·X with few columns (see <see cref="ChooseBlock"/>).</summary>
    public const long DefaultBlock = 64;

    /// <summary>
    /// What the backward needs, all in block layout: the raw vectors V (…, B, N, b), 1/‖v‖ (…, B, b) (0 for skipped
    /// columns), U's Gram D VᵀV D (…, B, b, b), T (…, B, b, b), W̃_j = V_jᵀIn_j and Z_j = T_j D_j W̃_j stacked
    /// (…, B, b, K), the dense block inputs stacked (…, B', N, K) (B' = B, or B − 1 when the first block applied acts on
    /// the frame; null if B' = 0), and L, M.
    /// </summary>
    internal sealed record State(Tensor V, Tensor InverseNorms, Tensor Gram, Tensor T, Tensor W, Tensor Z, Tensor? Inputs, long L, long M);

    /// <summary>
    /// The block size for Q·X with K columns (K = M when materializing): blocks make the Gram cost 2bLN instead of
    /// 2L²N but add kernels and thin the matmuls, and the b×b factors cost 2bLK per use. Measured with one libtorch
    /// thread (BENCHMARKS.md, orthogonal): 64 reflections per block for K ≤ 256 (one block for L ≤ 128); for wider
    /// operands one block when K ≥ 2L, else max(128, L/4) (N = L = 512: 128; N = L = 1024: 256).
    /// </summary>
    public static long ChooseBlock(long l, long k)
    {
        if (k <= 4 * DefaultBlock) return l <= 2 * DefaultBlock ? l : DefaultBlock;
        return k >= 2 * l ? l : Math.Max(2 * DefaultBlock, l / 4);
    }

    /// <summary>Q·X (or Q's first <paramref name="m"/> columns when <paramref name="x"/> is null) for raw reflection
    /// vectors <paramref name="v"/> (…, N, L), normalized as <see cref="Reflections.Normalize"/> does, by blocks of at
    /// most <paramref name="block"/> reflections (sizes evened out); fills <paramref name="state"/> when it is wanted.</summary>
    public static Tensor Forward(Tensor v, Tensor? x, long m, long block, bool keepState, out State? state)
    {
        using var scope = NewDisposeScope();
        long n = v.shape[^2], l = v.shape[^1];
        int blocks = (int)((l + block - 1) / block);
        long b = (l + blocks - 1) / blocks, padded = b * blocks;
        // Zero columns are identity reflections (their 1/‖v‖ is 0, so they drop out of every product): exact padding.
        var vp = padded == l ? v : nn.functional.pad(v, [0, padded - l]);
        // A fresh (…, B, N, b) copy, never a view of the caller's tensor: BLAS results can depend on the alignment of
        // their inputs, and the same parameters must give the same bits wherever they are stored (save/load).
        var blocked = vp.reshape([.. v.shape[..^2], n, blocks, b]).movedim([-2], [-3]);
        var vb = empty(blocked.shape, dtype: v.dtype, device: v.device).copy_(blocked);
        var vbT = vb.transpose(-2, -1);
        var raw = matmul(vbT, vb);                                                    // V_jᵀV_j, ‖v‖² on the diagonal
        double eps = Reflections.ZeroNorm(v.dtype);
        var sq = raw.diagonal(0, -2, -1);
        var inv = sq.clamp_min(eps * eps).rsqrt_().mul_(sq >= eps * eps);             // 1/‖v‖, 0 below ZeroNorm
        var row = inv.unsqueeze(-1);
        var col = inv.unsqueeze(-2);
        var gram = raw.mul_(row).mul_(col);                                           // U_jᵀU_j = D V_jᵀV_j D
        var s = gram.triu(1);
        s.diagonal(0, -2, -1).fill_(0.5);
        var t = linalg.solve_triangular(s, eye(b, dtype: v.dtype, device: v.device), upper: true);
        var td = t * col;                                                             // T D, as U_j = V_j D_j
        if (x is not null) x = x.expand(Broadcast(v, x));                             // every block's input has one shape
        // With a state, every block writes its output straight into the stacked inputs of the blocks after it (slot j
        // holds In_j): no per-block allocation and no stacking copy for the backward. The frame is not stored.
        int dense = x is null ? blocks - 1 : blocks;
        Tensor? inAll = null;
        if (keepState && dense > 0)
        {
            long[] outer = x is null ? [.. v.shape[..^2], n, m] : x.shape;
            inAll = empty([.. outer[..^2], dense, n, outer[^1]], dtype: v.dtype, device: v.device);
            if (x is not null) x = inAll.select(-3, blocks - 1).copy_(x);
        }
        var w = new Tensor[blocks];
        var z = new Tensor[blocks];
        Tensor? cur = x;
        for (int j = blocks - 1; j >= 0; j--)                                          // Q·X = Q₁(Q₂(…(Q_B X)))
        {
            var vj = vb.select(-3, j);
            var vjT = vbT.select(-3, j);
            var wj = cur is null ? vjT.narrow(-1, 0, m) : matmul(vjT, cur);           // V_jᵀ·In (the frame: top M rows)
            var zj = matmul(td.select(-3, j), wj);                                     // Z_j = T_j U_jᵀ In
            var zd = zj * row.select(-3, j);                                           // D_j Z_j
            var slot = inAll is not null && j > 0 ? inAll.select(-3, j - 1) : null;
            Tensor next;
            if (cur is null)
            {
                next = matmul(vj, zd).neg_();
                next.diagonal(0, -2, -1).add_(1.0);                                    // [I_M; 0] − V_j D_j Z_j
                if (slot is not null) next = slot.copy_(next);
            }
            else next = slot is null ? MinusProduct(cur, vj, zd) : SubtractProduct(slot.copy_(cur), vj, zd);
            w[j] = wj;
            z[j] = zj;
            cur = next;
        }
        if (keepState)
        {
            state = new State(vb.MoveToOuterDisposeScope(), inv.MoveToOuterDisposeScope(), gram.MoveToOuterDisposeScope(),
                t.MoveToOuterDisposeScope(), stack(w, -3).MoveToOuterDisposeScope(), stack(z, -3).MoveToOuterDisposeScope(),
                inAll?.MoveToOuterDisposeScope(), l, m);
        }
        else state = null;
        return cur!.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Gradients of ⟨G, Q·In⟩ for one forward. With G_j the gradient at block j's output, P_j = U_jᵀG_j, R_j = T_jᵀP_j,
    /// Z_j = T_jU_jᵀIn_j and W_j = U_jᵀIn_j: ∂U_j = U_j(M_j + M_jᵀ) − G_j Z_jᵀ − In_j R_jᵀ with M_j = striu(R_j Z_jᵀ)
    /// (S's strict upper triangle is UᵀU's), G_j − U_j R_j (= Q_jᵀG_j) is the gradient at the block's input, and through
    /// u = v/‖v‖, ∂v = (∂u − u·c)/‖v‖ with c = diag(U_jᵀ∂U_j) = diag(U_jᵀU_j(M + Mᵀ) − P Zᵀ − W Rᵀ), all b×b or b×K.
    /// The chain over blocks is sequential; the ∂v terms are three products per block (addmm_ straight into the
    /// result for plain matrices, batched otherwise). Returns ∂v (…, N, L) in the broadcast batch shape and ∂X when
    /// wanted.
    /// </summary>
    public static (Tensor DV, Tensor? DX) Backward(State st, Tensor g, bool wantX)
    {
        using var scope = NewDisposeScope();
        var vb = st.V;
        long n = vb.shape[^2], b = vb.shape[^1];
        int blocks = (int)vb.shape[^3];
        var vbT = vb.transpose(-2, -1);
        var row = st.InverseNorms.unsqueeze(-1);
        var col = st.InverseNorms.unsqueeze(-2);
        var dtT = (st.T * row).transpose(-2, -1);                                     // (D T)ᵀ = Tᵀ D
        var ps = new Tensor[blocks];
        var rs = new Tensor[blocks];
        var rds = new Tensor[blocks];
        // G_j go straight into one stack (slot j), each computed in place from the one before.
        var gAll = empty([.. g.shape[..^2], blocks, n, g.shape[^1]], dtype: g.dtype, device: g.device);
        gAll.select(-3, 0).copy_(g);
        Tensor cur = g;
        for (int j = 0; j < blocks; j++)                                              // block 1 was applied last
        {
            var gj = gAll.select(-3, j);
            ps[j] = matmul(vbT.select(-3, j), gj);                                    // P̃_j = V_jᵀG_j
            rs[j] = matmul(dtT.select(-3, j), ps[j]);                                 // R_j = T_jᵀ D_j P̃_j
            rds[j] = rs[j] * row.select(-3, j);                                        // D_j R_j
            if (j < blocks - 1) SubtractProduct(gAll.select(-3, j + 1).copy_(gj), vb.select(-3, j), rds[j]);
            else if (wantX) cur = MinusProduct(gj, vb.select(-3, j), rds[j]);
        }
        var pAll = stack(ps, -3);
        var rdAll = stack(rds, -3);
        var r = stack(rs, -3);
        var z = st.Z;
        var zd = z * row;                                                             // D Z
        var mm = matmul(r, z.transpose(-2, -1)).triu_(1);
        var sym = mm + mm.transpose(-2, -1);
        var c = (st.Gram * sym).sum(-1) - ((pAll * z).sum(-1) + (st.W * r).sum(-1)) * st.InverseNorms;
        sym.diagonal(0, -2, -1).sub_(c);
        sym.mul_(row).mul_(col);                                                      // D (M + Mᵀ − diag c) D
        bool frame = st.Inputs is null || st.Inputs.shape[^3] < blocks;
        int dense = frame ? blocks - 1 : blocks;
        Tensor dV;
        if (vb.dim() == 3 && g.dim() == 2)
        {
            // Plain matrices: each block's ∂v is three addmm_ straight into its columns of the result (no stacks of
            // products, no layout copy); beta = 0 on the first ignores the uninitialized buffer.
            dV = empty(n, blocks * b, dtype: vb.dtype, device: vb.device);
            for (int j = 0; j < blocks; j++)
            {
                var slot = dV.narrow(-1, j * b, b);
                slot.addmm_(vb.select(-3, j), sym.select(-3, j), 0, 1);                // V D (M + Mᵀ − diag c) D
                slot.addmm_(gAll.select(-3, j), zd.select(-3, j).transpose(-2, -1), 1, -1);   // G (D Z)ᵀ
                if (j < dense) slot.addmm_(st.Inputs!.select(-3, j), rds[j].transpose(-2, -1), 1, -1);   // In (D R)ᵀ
                else slot.narrow(-2, 0, st.M).sub_(rds[j].transpose(-2, -1));        // In = [I_M; 0]
            }
        }
        else
        {
            var dv = matmul(vb, sym);
            dv = MinusBatchProduct(dv, gAll, zd.transpose(-2, -1));
            if (dense > 0)
            {
                var rdT = (dense == blocks ? rdAll : rdAll.narrow(-3, 0, dense)).transpose(-2, -1);
                if (dense == blocks) dv = MinusBatchProduct(dv, st.Inputs!, rdT);
                else dv.narrow(-3, 0, dense).sub_(matmul(st.Inputs!, rdT));
            }
            if (frame) dv.select(-3, blocks - 1).narrow(-2, 0, st.M).sub_(rds[^1].transpose(-2, -1));
            dV = SumToShape(dv, vb.shape).movedim([-3], [-2]);
            dV = dV.reshape([.. dV.shape[..^2], blocks * b]);
        }
        if (blocks * b != st.L) dV = dV.narrow(-1, 0, st.L);
        dV.MoveToOuterDisposeScope();
        var dX = wantX ? cur.MoveToOuterDisposeScope() : null;
        return (dV, dX);
    }

    /// <summary>C −= A·B in place (C a fresh buffer), one addmm_ for plain matrices.</summary>
    static Tensor SubtractProduct(Tensor c, Tensor a, Tensor b)
        => c.dim() == 2 && a.dim() == 2 ? c.addmm_(a, b, 1, -1) : c.sub_(matmul(a, b));

    /// <summary>C − A·B for stacks of matrices, one baddbmm when all are 3-D.</summary>
    static Tensor MinusBatchProduct(Tensor c, Tensor a, Tensor b)
        => c.dim() == 3 && a.dim() == 3 && b.dim() == 3 && a.shape[0] == c.shape[0] && b.shape[0] == c.shape[0]
            ? a.baddbmm(b, c, 1, -1) : c.sub_(matmul(a, b));             // TorchSharp: batch1.baddbmm(batch2, input)

    /// <summary>C − A·B, fused into one addmm for plain matrices.</summary>
    static Tensor MinusProduct(Tensor c, Tensor a, Tensor b)
        => c.dim() == 2 && a.dim() == 2 ? addmm(c, a, b, 1, -1) : c - matmul(a, b);

    /// <summary>The shape of X broadcast against the batch of V: (…, N, K).</summary>
    static long[] Broadcast(Tensor v, Tensor x)
    {
        long[] vb = v.shape[..^2], xb = x.shape[..^2];
        int rank = Math.Max(vb.Length, xb.Length);
        var shape = new long[rank + 2];
        for (int i = 0; i < rank; i++)
        {
            long a = i >= rank - vb.Length ? vb[i - (rank - vb.Length)] : 1;
            long c = i >= rank - xb.Length ? xb[i - (rank - xb.Length)] : 1;
            shape[i] = a == 1 ? c : a;
        }
        shape[rank] = x.shape[^2];
        shape[rank + 1] = x.shape[^1];
        return shape;
    }

    /// <summary>Sums a broadcast gradient back to an input's shape (leading dims, then size-1 dims).</summary>
    public static Tensor SumToShape(Tensor t, long[] shape)
    {
        if (t.shape.SequenceEqual(shape)) return t;
        int lead = (int)t.dim() - shape.Length;
        var r = lead > 0 ? t.sum(Enumerable.Range(0, lead).Select(i => (long)i).ToArray()) : t;
        var ones = Enumerable.Range(0, shape.Length).Where(i => shape[i] == 1 && r.shape[i] != 1).Select(i => (long)i).ToArray();
        return ones.Length > 0 ? r.sum(ones, keepdim: true) : r;
    }
}
