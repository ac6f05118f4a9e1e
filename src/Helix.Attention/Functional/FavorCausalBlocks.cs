using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>
/// Causal FAVOR+ / FAVOR++ fused with its feature maps, block by block over the sequence with a carried state
/// S = Σ_{j &lt; block} φ(k_j)ᵀ [v_j, 1] [B, H, m, e + 1]. Per block of c tokens: the features of its queries and keys,
/// the masked c×c product tril(φ(Q) φ(K)ᵀ) [V, 1] (the block's own keys), φ(Q) S (all earlier keys), then
/// S += φ(K)ᵀ [V, 1]: a few large matmuls per block, nothing of size L·m kept. Forward saves the state at every
/// checkpoint (one per segment of blocks) and each query's denominator; backward walks the segments in reverse,
/// rebuilds the states inside a segment from its checkpoint, and recomputes each block's features.
/// Features: φ(x) = exp(x W'ᵀ + b − |x|²/2 − c)/√m for x = data·d^(−1/4), with W' = √(1 − 4A) W and
/// b = A|w|² + (d/4) log(1 − 4A) (A = 0: FAVOR+). Queries subtract their row maximum, keys the data-free bound of
/// <see cref="FeatureStabilizer.None"/>, exactly as the two-step causal path.
/// Shapes: q, k [B, H, L, d], v [B, H, L, e], W' [m, d], b [m] or null, keep bool [B, 1 or H, L] or null.
/// </summary>
internal static class FavorCausalBlocks
{
    /// <summary>Scratch elements of the states rebuilt for one segment in backward ([B, H, m, e + 1] per block).</summary>
    public const long SegmentBudget = 1L << 22;

    /// <summary>Blocks per checkpoint segment: as many states as fit <see cref="SegmentBudget"/> (at least one).</summary>
    public static long SegmentBlocks(long batchHeads, long m, long e) => Math.Max(1, SegmentBudget / Math.Max(1, batchHeads * m * (e + 1)));

    public static (Tensor Output, Tensor Den, Tensor Checkpoints) Forward(Tensor q, Tensor k, Tensor v, Tensor w, Tensor? bias, double keyShift,
        Tensor? keep, long block, long segmentBlocks)
    {
        using var scope = NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], len = q.shape[2], m = w.shape[0], e = v.shape[3];
        double scale = Math.Pow(q.shape[3], -0.25), logNorm = 0.5 * Math.Log(m);
        var wt = w.t();
        long blocks = (len + block - 1) / block, segments = (blocks + segmentBlocks - 1) / segmentBlocks;
        var checkpoints = empty(new long[] { segments, b, h, m, e + 1 }, dtype: q.dtype, device: q.device);
        var state = zeros(b, h, m, e + 1, dtype: q.dtype, device: q.device);
        var output = empty(b, h, len, e, dtype: q.dtype, device: q.device);
        var den = empty(b, h, len, 1, dtype: q.dtype, device: q.device);
        for (long i = 0; i < blocks; i++)
        {
            using var blockScope = NewDisposeScope();
            if (i % segmentBlocks == 0) checkpoints[i / segmentBlocks].copy_(state);
            long start = i * block, n = Math.Min(block, len - start);
            var phq = QueryFeatures(q.narrow(2, start, n) * scale, wt, bias, logNorm);
            var phk = KeyFeatures(k.narrow(2, start, n) * scale, wt, bias, keep, start, keyShift + logNorm);
            var va = Augmented(v.narrow(2, start, n));
            var num = phq.matmul(phk.transpose(-1, -2)).tril_().matmul(va).add_(phq.matmul(state));
            state.add_(phk.transpose(-1, -2).matmul(va));
            var d = FavorFunctional.SafeDenominator(num.narrow(-1, e, 1));
            den.narrow(2, start, n).copy_(d);
            output.narrow(2, start, n).copy_(num.narrow(-1, 0, e).div_(d));
        }
        return (output.MoveToOuterDisposeScope(), den.MoveToOuterDisposeScope(), checkpoints.MoveToOuterDisposeScope());
    }

    /// <summary>(dq, dk, dv) for the output gradient g [B, H, L, e].</summary>
    public static (Tensor Dq, Tensor Dk, Tensor Dv) Backward(Tensor q, Tensor k, Tensor v, Tensor w, Tensor? bias, double keyShift, Tensor? keep,
        Tensor den, Tensor output, Tensor checkpoints, Tensor g, long block, long segmentBlocks)
    {
        using var scope = NewDisposeScope();
        long len = q.shape[2], m = w.shape[0], e = v.shape[3];
        double scale = Math.Pow(q.shape[3], -0.25), logNorm = 0.5 * Math.Log(m), kShift = keyShift + logNorm;
        var wt = w.t();
        long blocks = (len + block - 1) / block;
        var dq = empty_like(q);
        var dk = empty_like(k);
        var dv = empty_like(v);
        // R = Σ over later blocks of φ(Q)ᵀ [g/D, −(g·out)/D]: the gradient of the state that later blocks read.
        var later = zeros_like(checkpoints[0]);
        for (long first = (blocks - 1) / segmentBlocks * segmentBlocks; first >= 0; first -= segmentBlocks)
        {
            using var segmentScope = NewDisposeScope();
            long count = Math.Min(segmentBlocks, blocks - first);
            // States before each block of the segment, rebuilt from its checkpoint.
            var before = new Tensor[count];
            before[0] = checkpoints[first / segmentBlocks];
            for (long j = 1; j < count; j++)
            {
                using var blockScope = NewDisposeScope();
                long start = (first + j - 1) * block;
                var phk = KeyFeatures(k.narrow(2, start, block) * scale, wt, bias, keep, start, kShift);
                before[j] = phk.transpose(-1, -2).matmul(Augmented(v.narrow(2, start, block))).add_(before[j - 1]).MoveToOuterDisposeScope();
            }
            for (long j = count - 1; j >= 0; j--)
            {
                using var blockScope = NewDisposeScope();
                long start = (first + j) * block, n = Math.Min(block, len - start);
                var qs = q.narrow(2, start, n) * scale;
                var ks = k.narrow(2, start, n) * scale;
                var phq = QueryFeatures(qs, wt, bias, logNorm);
                var phk = KeyFeatures(ks, wt, bias, keep, start, kShift);
                var va = Augmented(v.narrow(2, start, n));
                var d = den.narrow(2, start, n);
                var gb = g.narrow(2, start, n);
                // out = N/D with [N, D] = tril(φq φkᵀ) va + φq S, so d[N, D] = [g/D, −(g·out)/D].
                var ga = cat(new[] { gb / d, (gb * output.narrow(2, start, n)).sum(-1, keepdim: true).neg_().div_(d) }, -1);
                var dA = ga.matmul(va.transpose(-1, -2)).tril_();                                  // [n, n]
                var dPhq = dA.matmul(phk).add_(ga.matmul(before[j].transpose(-1, -2)));
                dq.narrow(2, start, n).copy_(ExponentBackward(dPhq.mul_(phq), qs, w).mul_(scale));
                var a = phq.matmul(phk.transpose(-1, -2)).tril_();
                var dva = a.transpose(-1, -2).matmul(ga).add_(phk.matmul(later));
                dv.narrow(2, start, n).copy_(dva.narrow(-1, 0, e));
                var dPhk = dA.transpose(-1, -2).matmul(phq).add_(va.matmul(later.transpose(-1, -2)));
                dk.narrow(2, start, n).copy_(ExponentBackward(dPhk.mul_(phk), ks, w).mul_(scale));
                later.add_(phq.transpose(-1, -2).matmul(ga));
            }
        }
        return (dq.MoveToOuterDisposeScope(), dk.MoveToOuterDisposeScope(), dv.MoveToOuterDisposeScope());
    }

    /// <summary>φ(q) = exp(u − max_row u − log √m), u = x' W'ᵀ + b − |x'|²/2, in place on the exponents.</summary>
    static Tensor QueryFeatures(Tensor qs, Tensor wt, Tensor? bias, double logNorm)
    {
        var u = Exponents(qs, wt, bias);
        using var shift = u.amax(new long[] { -1 }, keepdim: true).add_(logNorm);
        return u.sub_(shift).exp_();
    }

    /// <summary>φ(k) = exp(u − c) with the data-free shift c (log √m included); zero on padded keys.</summary>
    static Tensor KeyFeatures(Tensor ks, Tensor wt, Tensor? bias, Tensor? keep, long start, double shift)
    {
        var u = Exponents(ks, wt, bias);
        if (keep is not null) u.masked_fill_(keep.narrow(-1, start, ks.shape[2]).logical_not().unsqueeze(-1), double.NegativeInfinity);
        return u.sub_(shift).exp_();
    }

    static Tensor Exponents(Tensor xs, Tensor wt, Tensor? bias)
    {
        var u = xs.matmul(wt);
        if (bias is not null) u.add_(bias);
        return u.sub_(xs.square().sum(-1, keepdim: true).mul_(0.5));
    }

    /// <summary>Gradient of u = x' W'ᵀ + b − |x'|²/2 with respect to x' for du = ∂L/∂u: du W' − (Σ du) x'.</summary>
    static Tensor ExponentBackward(Tensor du, Tensor xs, Tensor w) => du.matmul(w).sub_(xs.mul(du.sum(-1, keepdim: true)));

    static Tensor Augmented(Tensor v) =>
        cat(new[] { v, ones(v.shape[0], v.shape[1], v.shape[2], 1, dtype: v.dtype, device: v.device) }, -1);
}
