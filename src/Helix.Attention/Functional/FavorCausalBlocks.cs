using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>
/// Causal FAVOR+ / FAVOR++ fused with its feature maps, a segment of tokens at a time, with a carried state
/// S = Σ φ(k_j)ᵀ [v_j, 1] [B, H, m, e + 1] over all earlier keys. A segment's features are made by one matmul each;
/// the segment is cut into blocks of c tokens, whose own keys enter by one batched masked c×c product
/// tril(φ(Q) φ(K)ᵀ) [V, 1] and whose earlier keys enter by φ(Q_b) S, then S += φ(K_b)ᵀ [V_b, 1] (two small matmuls per
/// block, the only sequential part). Nothing of size L·m is kept: forward saves the state at each segment start and
/// each query's denominator; backward walks the segments in reverse and recomputes their features.
/// Features: φ(x) = exp(x W'ᵀ + b − |x|²/2 − c)/√m for x = data·d^(−1/4), with W' = √(1 − 4A) W and
/// b = A|w|² + (d/4) log(1 − 4A) (A = 0: FAVOR+). Queries subtract their row maximum, keys the data-free bound of
/// <see cref="FeatureStabilizer.None"/>, exactly as the two-step causal path.
/// Shapes: q, k [B, H, L, d], v [B, H, L, e], W' [m, d], b [m] or null, keep bool [B, 1 or H, L] or null.
/// </summary>
internal static class FavorCausalBlocks
{
    /// <summary>Elements of one segment's [tokens, m] feature tensor (over all batch rows and heads).</summary>
    public const long SegmentBudget = 1L << 20;

    /// <summary>Tokens per segment: a multiple of the block, about <see cref="SegmentBudget"/> feature elements.</summary>
    public static long SegmentTokens(long batchHeads, long m, long block) => Math.Max(1, SegmentBudget / Math.Max(1, batchHeads * m * block)) * block;

    public static (Tensor Output, Tensor Den, Tensor Checkpoints) Forward(Tensor q, Tensor k, Tensor v, Tensor w, Tensor? bias, double keyShift,
        Tensor? keep, long block, long segment)
    {
        using var scope = NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], len = q.shape[2], m = w.shape[0], e = v.shape[3];
        double scale = Math.Pow(q.shape[3], -0.25), logNorm = 0.5 * Math.Log(m);
        var wt = w.t();
        long segments = (len + segment - 1) / segment;
        // The long-lived results first, so that the segments' temporaries are freed above them.
        var output = empty(b, h, len, e, dtype: q.dtype, device: q.device);
        var den = empty(b, h, len, 1, dtype: q.dtype, device: q.device);
        var checkpoints = empty(new long[] { segments, b, h, m, e + 1 }, dtype: q.dtype, device: q.device);
        var state = zeros(b, h, m, e + 1, dtype: q.dtype, device: q.device);
        for (long s = 0; s < segments; s++)
        {
            using var segmentScope = NewDisposeScope();
            checkpoints[s].copy_(state);
            long start = s * segment, n = Math.Min(segment, len - start), nb = (n + block - 1) / block;
            var phq = Blocks(QueryFeatures(q.narrow(2, start, n) * scale, wt, bias, logNorm), nb, block);
            var phk = Blocks(KeyFeatures(k.narrow(2, start, n) * scale, wt, bias, keep, start, keyShift + logNorm), nb, block);
            var va = Blocks(Augmented(v.narrow(2, start, n)), nb, block);
            var num = phq.matmul(phk.transpose(-1, -2)).tril_().matmul(va);      // [B, H, nb, c, e + 1]: the blocks' own keys
            for (long j = 0; j < nb; j++)
            {
                num.select(2, j).add_(phq.select(2, j).matmul(state));
                state.add_(phk.select(2, j).transpose(-1, -2).matmul(va.select(2, j)));
            }
            var flat = num.view(b, h, nb * block, e + 1).narrow(2, 0, n);
            var d = FavorFunctional.SafeDenominator(flat.narrow(-1, e, 1));
            den.narrow(2, start, n).copy_(d);
            output.narrow(2, start, n).copy_(flat.narrow(-1, 0, e).div_(d));
        }
        return (output.MoveToOuterDisposeScope(), den.MoveToOuterDisposeScope(), checkpoints.MoveToOuterDisposeScope());
    }

    /// <summary>(dq, dk, dv) for the output gradient g [B, H, L, e].</summary>
    public static (Tensor Dq, Tensor Dk, Tensor Dv) Backward(Tensor q, Tensor k, Tensor v, Tensor w, Tensor? bias, double keyShift, Tensor? keep,
        Tensor den, Tensor output, Tensor checkpoints, Tensor g, long block, long segment)
    {
        using var scope = NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], len = q.shape[2], m = w.shape[0], e = v.shape[3];
        double scale = Math.Pow(q.shape[3], -0.25), logNorm = 0.5 * Math.Log(m);
        var wt = w.t();
        long segments = (len + segment - 1) / segment;
        var dq = empty_like(q);
        var dk = empty_like(k);
        var dv = empty_like(v);
        var state = empty_like(checkpoints[0]);
        // R = Σ over later blocks of φ(Q)ᵀ [g/D, −(g·out)/D]: the gradient of the state that later blocks read.
        var later = zeros_like(checkpoints[0]);
        for (long s = segments - 1; s >= 0; s--)
        {
            using var segmentScope = NewDisposeScope();
            long start = s * segment, n = Math.Min(segment, len - start), nb = (n + block - 1) / block;
            var qs = q.narrow(2, start, n) * scale;
            var ks = k.narrow(2, start, n) * scale;
            var phqFlat = QueryFeatures(qs, wt, bias, logNorm);
            var phkFlat = KeyFeatures(ks, wt, bias, keep, start, keyShift + logNorm);
            var (phq, phk) = (Blocks(phqFlat, nb, block), Blocks(phkFlat, nb, block));
            var va = Blocks(Augmented(v.narrow(2, start, n)), nb, block);
            // out = N/D with [N, D] = tril(φq φkᵀ) va + φq S, so d[N, D] = [g/D, −(g·out)/D].
            var d = den.narrow(2, start, n);
            var gb = g.narrow(2, start, n);
            var ga = Blocks(cat(new[] { gb / d, (gb * output.narrow(2, start, n)).sum(-1, keepdim: true).neg_().div_(d) }, -1), nb, block);
            var dA = ga.matmul(va.transpose(-1, -2)).tril_();                          // [B, H, nb, c, c]
            var dPhq = dA.matmul(phk);
            var dPhk = dA.transpose(-1, -2).matmul(phq);
            var dva = phq.matmul(phk.transpose(-1, -2)).tril_().transpose(-1, -2).matmul(ga);
            // The state terms, block by block: forward for the states that queries read, backward for what later queries send.
            state.copy_(checkpoints[s]);
            for (long j = 0; j < nb; j++)
            {
                dPhq.select(2, j).add_(ga.select(2, j).matmul(state.transpose(-1, -2)));
                state.add_(phk.select(2, j).transpose(-1, -2).matmul(va.select(2, j)));
            }
            for (long j = nb - 1; j >= 0; j--)
            {
                dva.select(2, j).add_(phk.select(2, j).matmul(later));
                dPhk.select(2, j).add_(va.select(2, j).matmul(later.transpose(-1, -2)));
                later.add_(phq.select(2, j).transpose(-1, -2).matmul(ga.select(2, j)));
            }
            var duq = Tokens(dPhq, n).mul_(phqFlat);
            dq.narrow(2, start, n).copy_(ExponentBackward(duq, qs, w).mul_(scale));
            var duk = Tokens(dPhk, n).mul_(phkFlat);
            dk.narrow(2, start, n).copy_(ExponentBackward(duk, ks, w).mul_(scale));
            dv.narrow(2, start, n).copy_(Tokens(dva, n).narrow(-1, 0, e));
        }
        return (dq.MoveToOuterDisposeScope(), dk.MoveToOuterDisposeScope(), dv.MoveToOuterDisposeScope());
    }

    /// <summary>[B, H, n, f] as [B, H, nb, c, f], padding the last block with zero rows (zero features add nothing).</summary>
    static Tensor Blocks(Tensor x, long nb, long c)
    {
        long n = x.shape[2];
        var padded = n == nb * c ? x : nn.functional.pad(x, new long[] { 0, 0, 0, nb * c - n });
        return padded.view(x.shape[0], x.shape[1], nb, c, x.shape[3]);
    }

    /// <summary>[B, H, nb, c, f] back to the first n tokens [B, H, n, f].</summary>
    static Tensor Tokens(Tensor x, long n) => x.view(x.shape[0], x.shape[1], x.shape[2] * x.shape[3], x.shape[4]).narrow(2, 0, n);

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
