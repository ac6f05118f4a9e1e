using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>
/// Bidirectional FAVOR+ (positive softmax features) fused with its feature maps, block by block over the sequence:
/// neither the feature tensors φ(Q), φ(K) [B, H, L, m] nor their exponents are ever held whole. Forward keeps the
/// key sums KV = Σ_j φ(k_j)ᵀ [v_j, 1] [B, H, m, dh + 1], the keys' stabilizer and each query's denominator; backward
/// recomputes each block's features from q, k. Keys are stabilized by one running maximum per (batch, head), rescaling
/// the partial sums when it grows (the result equals one global maximum up to rounding); queries per row.
/// Shapes: q [B, H, Lq, d], k [B, H, Lk, d], v [B, H, Lk, e], W [m, d], keep bool [B, 1 or H, Lk] or null.
/// </summary>
internal static class FavorBlocks
{
    /// <summary>Stand-in for −∞ as the running maximum, finite so that differences stay finite in float32.</summary>
    const double Floor = -1e30;

    /// <summary>Rows per block so that one block's [rows, m] exponents hold about this many elements per (batch, head) group.</summary>
    public static long BlockRows(long batchHeads, long m, long budget) => Math.Max(16, budget / Math.Max(1, batchHeads * m));

    public static (Tensor Output, Tensor Kv, Tensor KeyShift, Tensor Den) Forward(Tensor q, Tensor k, Tensor v, Tensor w, Tensor? keep, long block)
    {
        using var scope = NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], lq = q.shape[2], lk = k.shape[2], m = w.shape[0], e = v.shape[3];
        double scale = Math.Pow(q.shape[3], -0.25), logNorm = 0.5 * Math.Log(m);
        var wt = w.t();
        var kv = zeros(b, h, m, e + 1, dtype: q.dtype, device: q.device);
        var c = full(new long[] { b, h, 1, 1 }, Floor, dtype: q.dtype, device: q.device);
        for (long start = 0; start < lk; start += block)
        {
            using var blockScope = NewDisposeScope();
            long n = Math.Min(block, lk - start);
            var u = KeyExponents(k, wt, keep, start, n, scale);
            var cNew = maximum(c, u.amax(new long[] { -2, -1 }, keepdim: true));
            kv.mul_((c - cNew).exp_());
            c.copy_(cNew);
            u.sub_(cNew + logNorm).exp_();                                       // φ(k) of the block
            kv.add_(u.transpose(-1, -2).matmul(Augmented(v.narrow(2, start, n))));
        }
        var output = empty(b, h, lq, e, dtype: q.dtype, device: q.device);
        var den = empty(b, h, lq, 1, dtype: q.dtype, device: q.device);
        for (long start = 0; start < lq; start += block)
        {
            using var blockScope = NewDisposeScope();
            long n = Math.Min(block, lq - start);
            var phi = QueryFeatures(q.narrow(2, start, n) * scale, wt, logNorm);
            var num = phi.matmul(kv);
            var d = FavorFunctional.SafeDenominator(num.narrow(-1, e, 1));
            den.narrow(2, start, n).copy_(d);
            output.narrow(2, start, n).copy_(num.narrow(-1, 0, e).div_(d));
        }
        Slim.NativeHeap.Trim();   // as FavorCausalBlocks: freed blocks would otherwise fragment a heap that is never trimmed
        return (output.MoveToOuterDisposeScope(), kv.MoveToOuterDisposeScope(), c.MoveToOuterDisposeScope(), den.MoveToOuterDisposeScope());
    }

    /// <summary>(dq, dk, dv) for the output gradient g [B, H, Lq, e], from the saved sums, key shift, denominators and output.</summary>
    public static (Tensor Dq, Tensor Dk, Tensor Dv) Backward(Tensor q, Tensor k, Tensor v, Tensor w, Tensor? keep, Tensor kv, Tensor keyShift,
        Tensor den, Tensor output, Tensor g, long block)
    {
        using var scope = NewDisposeScope();
        long lq = q.shape[2], lk = k.shape[2], m = w.shape[0], e = v.shape[3];
        double scale = Math.Pow(q.shape[3], -0.25), logNorm = 0.5 * Math.Log(m);
        var wt = w.t();
        var kvT = kv.transpose(-1, -2);
        var dkv = zeros_like(kv);
        // All three gradients first, before any block temporaries, so that they are not placed above the heap's freed holes.
        var dq = empty_like(q);
        var dk = empty_like(k);
        var dv = empty_like(v);
        // Queries: out = N/D with [N, D] = φ(q) KV, so d[N, D] = [g/D, −(g·out)/D] and dφ(q) = d[N, D] KVᵀ.
        for (long start = 0; start < lq; start += block)
        {
            using var blockScope = NewDisposeScope();
            long n = Math.Min(block, lq - start);
            var qs = q.narrow(2, start, n) * scale;
            var phi = QueryFeatures(qs, wt, logNorm);
            var d = den.narrow(2, start, n);
            var gb = g.narrow(2, start, n);
            var gAug = cat(new[] { gb / d, (gb * output.narrow(2, start, n)).sum(-1, keepdim: true).neg_().div_(d) }, -1);
            dkv.add_(phi.transpose(-1, -2).matmul(gAug));
            var du = gAug.matmul(kvT).mul_(phi);
            dq.narrow(2, start, n).copy_(ExponentBackward(du, qs, w).mul_(scale));
        }
        // Keys: KV = Σ_j φ(k_j)ᵀ [v_j, 1], so dφ(k_j) = [v_j, 1] dKVᵀ and dv_j = φ(k_j) dKV[:, :e].
        var dkvT = dkv.transpose(-1, -2);
        var dkvValues = dkv.narrow(-1, 0, e);
        for (long start = 0; start < lk; start += block)
        {
            using var blockScope = NewDisposeScope();
            long n = Math.Min(block, lk - start);
            var phi = KeyExponents(k, wt, keep, start, n, scale).sub_(keyShift + logNorm).exp_();
            dv.narrow(2, start, n).copy_(phi.matmul(dkvValues));
            var du = Augmented(v.narrow(2, start, n)).matmul(dkvT).mul_(phi);
            dk.narrow(2, start, n).copy_(ExponentBackward(du, k.narrow(2, start, n) * scale, w).mul_(scale));
        }
        Slim.NativeHeap.Trim();
        return (dq.MoveToOuterDisposeScope(), dk.MoveToOuterDisposeScope(), dv.MoveToOuterDisposeScope());
    }

    /// <summary>u = x' Wᵀ − |x'|²/2 for the scaled keys of a block, −∞ on padded keys.</summary>
    static Tensor KeyExponents(Tensor k, Tensor wt, Tensor? keep, long start, long n, double scale)
    {
        var ks = k.narrow(2, start, n) * scale;
        var u = ks.matmul(wt).sub_(ks.square().sum(-1, keepdim: true).mul_(0.5));
        if (keep is not null) u.masked_fill_(keep.narrow(-1, start, n).logical_not().unsqueeze(-1), double.NegativeInfinity);
        return u;
    }

    /// <summary>φ(q) = exp(u − max_row u − log √m) for scaled queries, in place on the exponents.</summary>
    static Tensor QueryFeatures(Tensor qs, Tensor wt, double logNorm)
    {
        var u = qs.matmul(wt).sub_(qs.square().sum(-1, keepdim: true).mul_(0.5));
        using var shift = u.amax(new long[] { -1 }, keepdim: true).add_(logNorm);
        return u.sub_(shift).exp_();
    }

    /// <summary>Gradient of u = x' Wᵀ − |x'|²/2 with respect to x' for du = ∂L/∂u: du W − (Σ du) x'.</summary>
    static Tensor ExponentBackward(Tensor du, Tensor xs, Tensor w) => du.matmul(w).sub_(xs.mul(du.sum(-1, keepdim: true)));

    static Tensor Augmented(Tensor v) =>
        cat(new[] { v, ones(v.shape[0], v.shape[1], v.shape[2], 1, dtype: v.dtype, device: v.device) }, -1);
}
