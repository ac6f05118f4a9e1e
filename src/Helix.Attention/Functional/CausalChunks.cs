using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>
/// Chunked causal linear attention on flattened heads: out_i = Σ_{j≤i} (q_i·k_j) v_j + q_iᵀ S0 and the final
/// state S0 + Σ_j k_j v_jᵀ, for q, k [N, L, m], v [N, L, e], S0 [N, m, e].
/// Within a chunk of <c>c</c> tokens the masked c×c quadratic form is used; across chunks the prefix state is carried.
/// Chunks are processed a segment at a time (a bounded number of chunks vectorized together), so scratch memory is
/// O(N·m·e·chunks-per-segment), independent of L. The backward pass rebuilds prefix states with a forward sweep
/// (for dq) and suffix sums with a reverse sweep (for dk, dv): nothing of size L·m·e is kept.
/// </summary>
internal static class CausalChunks
{
    /// <summary>Scratch elements per segment for the per-chunk states [N, n, m, e].</summary>
    public const long SegmentBudget = 1L << 23;

    public static (Tensor Output, Tensor State) Forward(Tensor q, Tensor k, Tensor v, Tensor s0, int chunk, long segmentBudget = SegmentBudget)
    {
        using var scope = NewDisposeScope();
        var (qp, kp, vp, len, c) = Padded(q, k, v, chunk);
        var output = empty(vp.shape[0], vp.shape[1], vp.shape[2], dtype: vp.dtype, device: vp.device);   // written segment by segment
        var state = s0;
        foreach (var (start, n) in Segments(qp, vp, c, segmentBudget))
        {
            using var seg = NewDisposeScope();
            var (Q, K, V) = (Chunks(qp, start, n, c), Chunks(kp, start, n, c), Chunks(vp, start, n, c));
            var (prefix, next) = PrefixStates(K, V, state);
            var o = Q.matmul(K.transpose(-1, -2)).tril_().matmul(V).add_(Q.matmul(prefix));
            output.narrow(1, start, n * c).copy_(o.view(o.shape[0], n * c, o.shape[^1]));
            state = next.MoveToOuterDisposeScope();
        }
        return (output.narrow(1, 0, len).MoveToOuterDisposeScope(), state.MoveToOuterDisposeScope());
    }

    /// <summary>Gradients (dq, dk, dv, dS0) for output gradient g [N, L, e] and final-state gradient gState [N, m, e].</summary>
    public static (Tensor Dq, Tensor Dk, Tensor Dv, Tensor Ds0) Backward(Tensor q, Tensor k, Tensor v, Tensor s0, Tensor g, Tensor gState, int chunk, long segmentBudget = SegmentBudget)
    {
        using var scope = NewDisposeScope();
        var (qp, kp, vp, len, c) = Padded(q, k, v, chunk);
        var gp = PadTo(g, qp.shape[1]);
        var segments = Segments(qp, vp, c, segmentBudget).ToList();

        var dqAll = empty_like(qp);
        var dkAll = empty_like(kp);
        var dvAll = empty_like(vp);

        // Forward sweep: dq_i = Σ_{j≤i} (g_i·v_j) k_j + S_{<chunk} g_i.
        var state = s0;
        foreach (var (start, n) in segments)
        {
            using var seg = NewDisposeScope();
            var (Q, K, V, G) = (Chunks(qp, start, n, c), Chunks(kp, start, n, c), Chunks(vp, start, n, c), Chunks(gp, start, n, c));
            var (prefix, next) = PrefixStates(K, V, state);
            var dq = G.matmul(V.transpose(-1, -2)).tril_().matmul(K).add_(G.matmul(prefix.transpose(-1, -2)));
            dqAll.narrow(1, start, n * c).copy_(dq.view(dq.shape[0], n * c, dq.shape[^1]));
            state = next.MoveToOuterDisposeScope();
        }

        // Reverse sweep: with R_j = gState + Σ_{i≥j} q_i g_iᵀ, dk_j = R_j v_j and dv_j = R_jᵀ k_j.
        var after = gState;
        for (int s = segments.Count - 1; s >= 0; s--)
        {
            using var seg = NewDisposeScope();
            var (start, n) = segments[s];
            var (Q, K, V, G) = (Chunks(qp, start, n, c), Chunks(kp, start, n, c), Chunks(vp, start, n, c), Chunks(gp, start, n, c));
            var (suffix, total) = SuffixSums(Q, G, after);
            var dk = V.matmul(G.transpose(-1, -2)).triu_().matmul(Q).add_(V.matmul(suffix.transpose(-1, -2)));
            var dv = K.matmul(Q.transpose(-1, -2)).triu_().matmul(G).add_(K.matmul(suffix));
            dkAll.narrow(1, start, n * c).copy_(dk.view(dk.shape[0], n * c, dk.shape[^1]));
            dvAll.narrow(1, start, n * c).copy_(dv.view(dv.shape[0], n * c, dv.shape[^1]));
            after = total.MoveToOuterDisposeScope();
        }
        return (dqAll.narrow(1, 0, len).MoveToOuterDisposeScope(),
                dkAll.narrow(1, 0, len).MoveToOuterDisposeScope(),
                dvAll.narrow(1, 0, len).MoveToOuterDisposeScope(),
                after.MoveToOuterDisposeScope());
    }

    /// <summary>Pads the token axis with zero rows to a multiple of the chunk (zero keys add nothing; padded outputs are cut).</summary>
    static (Tensor Q, Tensor K, Tensor V, long Length, int Chunk) Padded(Tensor q, Tensor k, Tensor v, int chunk)
    {
        long len = q.shape[1];
        int c = (int)Math.Min(chunk, len);
        long padded = (len + c - 1) / c * c;
        return (PadTo(q, padded), PadTo(k, padded), PadTo(v, padded), len, c);
    }

    static Tensor PadTo(Tensor x, long length) =>
        x.shape[1] == length ? x : nn.functional.pad(x, new long[] { 0, 0, 0, length - x.shape[1] });

    /// <summary>(segment start token, chunks in segment) covering the padded sequence.</summary>
    static IEnumerable<(long Start, long Chunks)> Segments(Tensor qp, Tensor vp, int c, long budget)
    {
        long perChunk = qp.shape[0] * qp.shape[2] * vp.shape[2];
        long chunksPerSegment = Math.Max(1, budget / Math.Max(1, perChunk));
        long total = qp.shape[1] / c;
        for (long first = 0; first < total; first += chunksPerSegment)
            yield return (first * c, Math.Min(chunksPerSegment, total - first));
    }

    static Tensor Chunks(Tensor x, long start, long n, int c) =>
        x.narrow(1, start, n * c).reshape(x.shape[0], n, c, x.shape[2]);

    /// <summary>
    /// States before each chunk, [N, n, m, e] (the carried state plus all earlier chunks' Kᵀ V), and the state after
    /// the segment: a cumulative sum, then (in place) subtracting each chunk's own term and adding the carried state.
    /// </summary>
    static (Tensor Before, Tensor After) PrefixStates(Tensor K, Tensor V, Tensor state)
    {
        var kv = K.transpose(-1, -2).matmul(V);                 // [N, n, m, e]
        var inclusive = kv.cumsum(1);
        var after = inclusive.select(1, kv.shape[1] - 1) + state;
        return (inclusive.sub_(kv).add_(state.unsqueeze(1)), after);
    }

    /// <summary>
    /// For each chunk, <paramref name="after"/> plus Σ over later chunks of Qᵀ G, [N, n, m, e], and the same sum over
    /// the whole segment (what the previous segment sees after it).
    /// </summary>
    static (Tensor Later, Tensor Total) SuffixSums(Tensor Q, Tensor G, Tensor after)
    {
        var qg = Q.transpose(-1, -2).matmul(G);                 // [N, n, m, e]
        var inclusive = qg.cumsum(1);
        var total = inclusive.select(1, qg.shape[1] - 1) + after;
        return (inclusive.neg_().add_(total.unsqueeze(1)), total);
    }
}
