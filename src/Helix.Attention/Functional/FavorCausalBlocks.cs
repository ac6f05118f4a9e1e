using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>
/// Causal FAVOR+ / FAVOR++ fused with its feature maps, a segment of tokens at a time, with a carried state
/// S = Σ φ(k_j)ᵀ [v_j, 1] [B, H, m, e + 1] over all earlier keys. A segment's features are made by one matmul each;
/// the segment is cut into blocks of c tokens, whose own keys enter by one batched masked c×c product
/// tril(φ(Q) φ(K)ᵀ) [V, 1] and whose earlier keys by φ(Q_b) S_b, with the states S_b before each block from one batched
/// φ(K_b)ᵀ [V_b, 1] and a cumulative sum: a fixed number of large operations per segment, nothing of size L·m kept.
/// The carried state is summed in float64 and saved at the end; backward walks the segments in reverse, subtracting
/// each segment's sum from it to get the state before the segment (float64, so no cancellation error reaches float32
/// data), and recomputes the segment's features. Features: φ(x) = exp(x W'ᵀ + b − |x|²/2 − c)/√m for
/// x = data·d^(−1/4), with W' = √(1 − 4A) W and b = A|w|² + (d/4) log(1 − 4A) (A = 0: FAVOR+). Queries subtract
/// their row maximum, keys the data-free bound of <see cref="FeatureStabilizer.None"/>, exactly as the two-step path.
/// Shapes: q, k [B, H, L, d], v [B, H, L, e], W' [m, d], b [m] or null, keep bool [B, 1 or H, L] or null. The pass may
/// continue from an initial state S0 [B, H, m, e + 1] (SLiM's slices): it enters the carried state exactly as earlier
/// segments do, and backward returns its gradient (the suffix sum of φ(Q)ᵀ d[N, D] plus the final state's gradient).
/// </summary>
/// <remarks>
/// Forward and backward end by trimming the C heap (<see cref="Slim.NativeHeap"/>): with glibc serving large tensors
/// from the heap (as under TorchRuntime.RetainFreedMemory), the segments' many temporaries fragmented it, and the
/// resident size grew pass after pass although the memory in use did not (measured at L = 16384: 2.0 GiB peak without,
/// 0.66 GiB with the trim, 61 MiB in use after the pass either way). The heap also grows within a long pass, so every
/// <see cref="TrimEvery"/> segments it is trimmed again (at L = 32768: 1.70 GiB peak with trims at the ends only,
/// 1.07 GiB with these; at 16384: 1.05 and 0.63 GiB).
/// </remarks>
internal static class FavorCausalBlocks
{
    /// <summary>Segments between heap trims inside a pass (see the class remarks).</summary>
    const long TrimEvery = 32;

    /// <summary>Elements of a segment's per-block states [B, H, nb, m, e + 1] (and at most of its [tokens, m] features).</summary>
    public const long SegmentBudget = 1L << 19;

    /// <summary>Tokens per segment: a multiple of the block with about <see cref="SegmentBudget"/> state and feature elements.</summary>
    public static long SegmentTokens(long batchHeads, long m, long e, long block)
    {
        long byStates = SegmentBudget / Math.Max(1, batchHeads * m * (e + 1));
        long byFeatures = SegmentBudget / Math.Max(1, batchHeads * m * block);
        return Math.Max(1, Math.Min(byStates, byFeatures)) * block;
    }

    public static (Tensor Output, Tensor Den, Tensor Final) Forward(Tensor q, Tensor k, Tensor v, Tensor w, Tensor? bias, double keyShift,
        Tensor? keep, long block, long segment, Tensor? initial = null)
    {
        using var scope = NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], len = q.shape[2], m = w.shape[0], e = v.shape[3];
        double scale = Math.Pow(q.shape[3], -0.25), logNorm = 0.5 * Math.Log(m);
        var wt = w.t();
        // The long-lived results first, so that the segments' temporaries are freed above them.
        var output = empty(b, h, len, e, dtype: q.dtype, device: q.device);
        var den = empty(b, h, len, 1, dtype: q.dtype, device: q.device);
        var state = initial is null
            ? zeros(b, h, m, e + 1, dtype: ScalarType.Float64, device: q.device)
            : initial.detach().to_type(ScalarType.Float64, copy: true);
        for (long start = 0; start < len; start += segment)
        {
            if (start > 0 && start / segment % TrimEvery == 0) Slim.NativeHeap.Trim();
            using var segmentScope = NewDisposeScope();
            long n = Math.Min(segment, len - start), nb = (n + block - 1) / block;
            var phq = Blocks(QueryFeatures(q.narrow(2, start, n) * scale, wt, bias, logNorm), nb, block);
            var phk = Blocks(KeyFeatures(k.narrow(2, start, n) * scale, wt, bias, keep, start, keyShift + logNorm), nb, block);
            var va = Blocks(Augmented(v.narrow(2, start, n)), nb, block);
            Tensor num;                                                                           // [B, H, nb, c, e + 1]
            using (var a = phq.matmul(phk.transpose(-1, -2)).tril_()) num = a.matmul(va);
            var (before, sum) = StatesBefore(phk, va, state, q.dtype);
            using (before)
            using (sum)
            {
                using (var t = phq.matmul(before)) num.add_(t);
                state.add_(sum);
            }
            var flat = Tokens(num, n);
            var d = FavorFunctional.SafeDenominator(flat.narrow(-1, e, 1));
            den.narrow(2, start, n).copy_(d);
            output.narrow(2, start, n).copy_(flat.narrow(-1, 0, e).div_(d));
        }
        Slim.NativeHeap.Trim();   // see the class remarks
        return (output.MoveToOuterDisposeScope(), den.MoveToOuterDisposeScope(), state.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// (dq, dk, dv, dS0) for the output gradient g [B, H, L, e] and the final state's gradient (null: none), from the
    /// float64 state after the last token. dS0 is the initial state's gradient (whether or not the pass had one).
    /// </summary>
    public static (Tensor Dq, Tensor Dk, Tensor Dv, Tensor DInitial) Backward(Tensor q, Tensor k, Tensor v, Tensor w, Tensor? bias, double keyShift,
        Tensor? keep, Tensor den, Tensor output, Tensor final, Tensor g, Tensor? gFinal, long block, long segment)
    {
        using var scope = NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], len = q.shape[2], m = w.shape[0], e = v.shape[3];
        double scale = Math.Pow(q.shape[3], -0.25), logNorm = 0.5 * Math.Log(m);
        var wt = w.t();
        var dq = empty_like(q);
        var dk = empty_like(k);
        var dv = empty_like(v);
        var state = final.clone();
        // R = Σ over later blocks of φ(Q)ᵀ [g/D, −(g·out)/D] (plus the final state's gradient): the gradient of the
        // state that later blocks read; before the first token it is the initial state's gradient.
        var later = gFinal is null ? zeros(b, h, m, e + 1, dtype: q.dtype, device: q.device) : gFinal.to_type(q.dtype, copy: true);
        for (long start = (len - 1) / segment * segment; start >= 0; start -= segment)
        {
            if (start + segment < len && start / segment % TrimEvery == 0) Slim.NativeHeap.Trim();
            using var segmentScope = NewDisposeScope();
            long n = Math.Min(segment, len - start), nb = (n + block - 1) / block;
            var qs = q.narrow(2, start, n) * scale;
            var ks = k.narrow(2, start, n) * scale;
            var phqFlat = QueryFeatures(qs, wt, bias, logNorm);
            var phkFlat = KeyFeatures(ks, wt, bias, keep, start, keyShift + logNorm);
            var (phq, phk) = (Blocks(phqFlat, nb, block), Blocks(phkFlat, nb, block));
            var va = Blocks(Augmented(v.narrow(2, start, n)), nb, block);
            // The same per-block sums as forward; the state before the segment is the state after it minus their total.
            // (Large temporaries are disposed as soon as they are used: a dispose scope would keep them all to its end.)
            Tensor before;
            using (var kv = phk.transpose(-1, -2).matmul(va))
            using (var inclusive = kv.cumsum(2))
            {
                state.sub_(inclusive.select(2, nb - 1));
                using var s32 = state.to_type(q.dtype);
                before = ShiftLater(inclusive).add_(s32.unsqueeze(2));
            }
            // out = N/D with [N, D] = tril(φq φkᵀ) va + φq S, so d[N, D] = [g/D, −(g·out)/D].
            var d = den.narrow(2, start, n);
            var gb = g.narrow(2, start, n);
            var ga = Blocks(cat(new[] { gb / d, (gb * output.narrow(2, start, n)).sum(-1, keepdim: true).neg_().div_(d) }, -1), nb, block);
            var dA = ga.matmul(va.transpose(-1, -2)).tril_();                          // [B, H, nb, c, c]
            var dPhq = dA.matmul(phk);
            using (before)
            using (var t = ga.matmul(before.transpose(-1, -2))) dPhq.add_(t);
            // After[b] = R + Σ over later blocks b' of this segment of φ(Q_b')ᵀ ga_b'.
            Tensor afterBlock;
            using (var qg = phq.transpose(-1, -2).matmul(ga))
            using (var reversed = qg.flip(2))
            using (var reversedSums = reversed.cumsum(2))
            using (var suffix = reversedSums.flip(2))                                  // Σ over blocks ≥ b
            {
                afterBlock = ShiftEarlier(suffix).add_(later.unsqueeze(2));
                later.add_(suffix.select(2, 0));
            }
            Tensor dva;
            using (var a = phq.matmul(phk.transpose(-1, -2)).tril_()) dva = a.transpose(-1, -2).matmul(ga);
            var dPhk = dA.transpose(-1, -2).matmul(phq);
            using (afterBlock)
            {
                using (var t = phk.matmul(afterBlock)) dva.add_(t);
                using (var t = va.matmul(afterBlock.transpose(-1, -2))) dPhk.add_(t);
            }
            using (dPhq) dq.narrow(2, start, n).copy_(ExponentBackward(Tokens(dPhq, n).mul_(phqFlat), qs, w).mul_(scale));
            using (dPhk) dk.narrow(2, start, n).copy_(ExponentBackward(Tokens(dPhk, n).mul_(phkFlat), ks, w).mul_(scale));
            dv.narrow(2, start, n).copy_(Tokens(dva, n).narrow(-1, 0, e));
        }
        Slim.NativeHeap.Trim();
        return (dq.MoveToOuterDisposeScope(), dk.MoveToOuterDisposeScope(), dv.MoveToOuterDisposeScope(), later.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The states before each block [B, H, nb, m, e + 1] (in the data's dtype) and the segment's total (float64) for
    /// blocked features and values, continuing from the float64 <paramref name="state"/>.
    /// </summary>
    static (Tensor Before, Tensor Sum) StatesBefore(Tensor phk, Tensor va, Tensor state, ScalarType dtype)
    {
        using var kv = phk.transpose(-1, -2).matmul(va);
        using var inclusive = kv.cumsum(2);
        var sum = inclusive.select(2, inclusive.shape[2] - 1).to_type(ScalarType.Float64, copy: true);
        using var s32 = state.to_type(dtype);
        return (ShiftLater(inclusive).add_(s32.unsqueeze(2)), sum);
    }

    // Exclusive sums by shifting the inclusive ones one block (a zero block enters at the open end), not by subtracting
    // each block's own term: subtraction would cancel catastrophically where one block's term dwarfs the rest.

    /// <summary>x[.., b, ..] → x[.., b − 1, ..] along the block axis 2, zero at b = 0.</summary>
    static Tensor ShiftLater(Tensor x) => nn.functional.pad(x.narrow(2, 0, x.shape[2] - 1), new long[] { 0, 0, 0, 0, 1, 0 });

    /// <summary>x[.., b, ..] → x[.., b + 1, ..] along the block axis 2, zero at the last block.</summary>
    static Tensor ShiftEarlier(Tensor x) => nn.functional.pad(x.narrow(2, 1, x.shape[2] - 1), new long[] { 0, 0, 0, 0, 0, 1 });

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
