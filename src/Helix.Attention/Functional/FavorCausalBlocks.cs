using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>
/// Causal FAVOR+ / FAVOR++ fused with its feature maps, a segment of tokens at a time, with a carried state
/// S = Σ φ(k_j)ᵀ [v_j, 1] [B, H, m, e + 1] over all earlier keys. A segment's features are made by one matmul each;
/// the segment is cut into blocks of c tokens, whose own keys enter by one batched masked c×c product
/// tril(φ(Q) φ(K)ᵀ) [V, 1] and whose earlier keys by φ(Q_b) S_b, with the states S_b before each block from one batched
/// φ(K_b)ᵀ [V_b, 1] and a strictly triangular sum over the blocks: a fixed number of large operations per segment,
/// nothing of size L·m kept.
/// The carried state is summed in float64 and saved at the end; backward walks the segments in reverse, subtracting
/// each segment's sum from it to get the state before the segment (float64, so no cancellation error reaches float32
/// data), and recomputes the segment's features (the masked c×c scores it may take from forward instead).
/// Features: φ(x) = exp(x W'ᵀ + b − |x|²/2 − c)/√m for x = data·d^(−1/4) (the projection is scaled instead of the
/// data), with W' = √(1 − 4A) W and b = A|w|² + (d/4) log(1 − 4A) (A = 0: FAVOR+). Queries subtract their row maximum,
/// keys the data-free bound of <see cref="FeatureStabilizer.None"/>, exactly as the two-step path.
/// Shapes: q, k [B, H, L, d], v [B, H, L, e], W' [m, d], b [m] or null, keep bool [B, 1 or H, L] or null. The pass may
/// continue from an initial state S0 [B, H, m, e + 1] (SLiM's slices): it enters the carried state exactly as earlier
/// segments do, and backward returns its gradient (the suffix sum of φ(Q)ᵀ d[N, D] plus the final state's gradient).
/// </summary>
/// <remarks>
/// With <c>trimHeap</c>, forward and backward end by trimming the C heap (<see cref="Slim.NativeHeap"/>): with glibc
/// serving large tensors from the heap (as under TorchRuntime.RetainFreedMemory), the segments' many temporaries
/// fragment it, and the resident size grew pass after pass although the memory in use did not (measured at L = 16384:
/// 2.0 GiB peak without, 0.66 GiB with the trim, 61 MiB in use after the pass either way). A trim releases the freed
/// pages that the next allocations would have reused, so they page-fault back in: trims inside the pass (every 32
/// segments, until issue 15's third pass) cost ≈ 15–20 % of the causal time for 10–15 % less peak memory, and are gone.
/// A caller that manages the heap itself (SLiM trims between slices) passes <c>trimHeap = false</c>.
/// Inside the pass the states are carried transposed, [B, H, e + 1, m] (Sᵀ; the initial and final states and their
/// gradients keep the [B, H, m, e + 1] layout at the boundary), so that the `[V, 1]` augmentation's 65th column is a
/// row count M or an inner dimension K of the batched products rather than their column count N: MKL's single-thread
/// sgemm for 24×[256×64]·[64×65] ran at 87.5 GFLOP/s, the same product as [65×64]·[64×256] at 95.4, and 64 columns
/// at 99 (the segments' shapes at B = 1, H = 8, m = 256, c = 64). The value gradient needs only e columns, so its two
/// products take the first e columns of d[N, D] and of the state gradient.
/// </remarks>
internal static class FavorCausalBlocks
{
    /// <summary>
    /// Elements of a segment's per-block states [B, H, nb, m, e + 1] (and at most of its [tokens, m] features). Larger
    /// segments measured slower (L = 16384, one thread: causal/bidirectional 1.82 at 2^18, 1.83 at 2^19, 1.86 at 2^20,
    /// 2.10 at 2^21, 2.25 at 2^22): the per-block states outgrow the cache.
    /// </summary>
    public const long SegmentBudget = 1L << 19;

    /// <summary>Tokens per segment: a multiple of the block with about <see cref="SegmentBudget"/> state and feature elements.</summary>
    public static long SegmentTokens(long batchHeads, long m, long e, long block)
    {
        long byStates = SegmentBudget / Math.Max(1, batchHeads * m * (e + 1));
        long byFeatures = SegmentBudget / Math.Max(1, batchHeads * m * block);
        return Math.Max(1, Math.Min(byStates, byFeatures)) * block;
    }

    /// <summary>Blocks of all segments: full segments of <paramref name="segment"/> tokens, then the rest.</summary>
    public static long TotalBlocks(long len, long block, long segment)
    {
        long full = len / segment, rest = len - full * segment;
        return full * BlocksIn(segment, block) + BlocksIn(rest, block);
    }

    static long BlocksIn(long tokens, long block) => (tokens + block - 1) / block;

    /// <summary>
    /// Forward; with <paramref name="scores"/> [B, H, <see cref="TotalBlocks"/>, c, c] it also keeps each block's masked
    /// scores tril(φ(Q) φ(K)ᵀ) for backward (one of its five c×c products fewer, for L·c more elements).
    /// </summary>
    public static (Tensor Output, Tensor Den, Tensor Final) Forward(Tensor q, Tensor k, Tensor v, Tensor w, Tensor? bias, double keyShift,
        Tensor? keep, long block, long segment, Tensor? initial = null, bool trimHeap = true, Tensor? scores = null)
    {
        using var scope = NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], len = q.shape[2], m = w.shape[0], e = v.shape[3];
        double scale = Math.Pow(q.shape[3], -0.25), logNorm = 0.5 * Math.Log(m);
        var ws = w * scale;                                        // x' W'ᵀ = x (d^(−1/4) W')ᵀ: the data is never scaled
        var wt = ws.t();
        var masks = new BlockMasks();
        // The long-lived results first, so that the segments' temporaries are freed above them.
        var output = empty(b, h, len, e, dtype: q.dtype, device: q.device);
        var den = empty(b, h, len, 1, dtype: q.dtype, device: q.device);
        var clock = KernelProfile.Current;
        clock?.Start();
        // The state is carried transposed, [B, H, e + 1, m]: see the class remarks.
        var state = initial is null
            ? zeros(b, h, e + 1, m, dtype: ScalarType.Float64, device: q.device)
            : initial.detach().to_type(ScalarType.Float64).transpose(-1, -2).contiguous();
        for (long start = 0; start < len; start += segment)
        {
            clock?.Mark("forward: free segment");
            using var segmentScope = NewDisposeScope();
            long n = Math.Min(segment, len - start), nb = (n + block - 1) / block;
            var phq = Blocks(QueryFeatures(q.narrow(2, start, n), wt, bias, logNorm), nb, block);
            var phk = Blocks(KeyFeatures(k.narrow(2, start, n), wt, bias, keep, start, scale * scale, keyShift + logNorm), nb, block);
            var va = Blocks(Augmented(v.narrow(2, start, n)), nb, block);
            clock?.Mark("forward: feature maps");
            var vat = va.transpose(-1, -2);
            Tensor numT;                                                                          // [B, H, nb, e + 1, c]
            using (var a = phq.matmul(phk.transpose(-1, -2)).tril_())
            {
                numT = vat.matmul(a.transpose(-1, -2));
                scores?.narrow(2, start / segment * BlocksIn(segment, block), nb).copy_(a);
            }
            clock?.Mark("forward: intra-block masked products");
            // The states before each block; the segment's total enters the carried float64 state.
            Tensor before;
            using (var kv = vat.matmul(phk)) before = OtherBlocksWithTotal(kv, state, masks, earlier: true, add: true);
            clock?.Mark("forward: block states (matmul, triangular sum)");
            using (before) numT = AddProduct(numT, before, phq.transpose(-1, -2));
            using var num = numT.transpose(-1, -2).contiguous();                                   // [B, H, nb, c, e + 1]
            clock?.Mark("forward: inter-block products, state carry");
            var flat = Tokens(num, n);
            var d = FavorFunctional.SafeDenominator(flat.narrow(-1, e, 1));
            den.narrow(2, start, n).copy_(d);
            output.narrow(2, start, n).copy_(flat.narrow(-1, 0, e).div_(d));
            clock?.Mark("forward: normalize, copy out");
        }
        clock?.Mark("forward: free segment");
        if (trimHeap) { Slim.NativeHeap.Trim(); clock?.Mark("forward: heap trim"); }   // see the class remarks
        var final = state.transpose(-1, -2).contiguous();
        return (output.MoveToOuterDisposeScope(), den.MoveToOuterDisposeScope(), final.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// (dq, dk, dv, dS0) for the output gradient g [B, H, L, e] and the final state's gradient (null: none), from the
    /// float64 state after the last token. dS0 is the initial state's gradient (whether or not the pass had one).
    /// </summary>
    public static (Tensor Dq, Tensor Dk, Tensor Dv, Tensor DInitial) Backward(Tensor q, Tensor k, Tensor v, Tensor w, Tensor? bias, double keyShift,
        Tensor? keep, Tensor den, Tensor output, Tensor final, Tensor g, Tensor? gFinal, long block, long segment, bool trimHeap = true,
        Tensor? scores = null)
    {
        using var scope = NewDisposeScope();
        long b = q.shape[0], h = q.shape[1], len = q.shape[2], m = w.shape[0], e = v.shape[3];
        double scale = Math.Pow(q.shape[3], -0.25), logNorm = 0.5 * Math.Log(m);
        var ws = w * scale;                                        // as forward's
        var wt = ws.t();
        var masks = new BlockMasks();
        var dq = empty_like(q);
        var dk = empty_like(k);
        var dv = empty_like(v);
        var state = final.transpose(-1, -2).contiguous();                                   // transposed, as forward's
        // R = Σ over later blocks of φ(Q)ᵀ [g/D, −(g·out)/D] (plus the final state's gradient): the gradient of the
        // state that later blocks read; before the first token it is the initial state's gradient.
        var later = gFinal is null
            ? zeros(b, h, e + 1, m, dtype: q.dtype, device: q.device)
            : gFinal.to_type(q.dtype).transpose(-1, -2).contiguous();                          // transposed too
        var clock = KernelProfile.Current;
        clock?.Start();
        for (long start = (len - 1) / segment * segment; start >= 0; start -= segment)
        {
            clock?.Mark("backward: free segment");
            using var segmentScope = NewDisposeScope();
            long n = Math.Min(segment, len - start), nb = (n + block - 1) / block;
            var ks = k.narrow(2, start, n);
            var phqFlat = QueryFeatures(q.narrow(2, start, n), wt, bias, logNorm);
            var phkFlat = KeyFeatures(ks, wt, bias, keep, start, scale * scale, keyShift + logNorm);
            var (phq, phk) = (Blocks(phqFlat, nb, block), Blocks(phkFlat, nb, block));
            var va = Blocks(Augmented(v.narrow(2, start, n)), nb, block);
            var vat = va.transpose(-1, -2);
            clock?.Mark("backward: feature maps");
            // The same per-block sums as forward; the state before the segment is the state after it minus their total.
            // (Large temporaries are disposed as soon as they are used: a dispose scope would keep them all to its end.)
            Tensor before;
            using (var kv = vat.matmul(phk)) before = OtherBlocksWithTotal(kv, state, masks, earlier: true, add: false);
            clock?.Mark("backward: block states (matmul, triangular sum)");
            // out = N/D with [N, D] = tril(φq φkᵀ) va + φq S, so d[N, D] = [g/D, −(g·out)/D].
            var d = den.narrow(2, start, n);
            var gb = g.narrow(2, start, n);
            var ga = Blocks(cat(new[] { gb / d, (gb * output.narrow(2, start, n)).sum(-1, keepdim: true).neg_().div_(d) }, -1), nb, block);
            clock?.Mark("backward: output gradient d[N, D]");
            var dA = ga.matmul(va.transpose(-1, -2)).tril_();                          // [B, H, nb, c, c]
            var dPhq = dA.matmul(phk);
            clock?.Mark("backward: intra-block masked products");
            using (before) dPhq = AddProduct(dPhq, ga, before);
            clock?.Mark("backward: inter-block products");
            // After[b] = R + Σ over later blocks b' of this segment of φ(Q_b')ᵀ ga_b'.
            Tensor afterBlock;
            using (var qg = ga.transpose(-1, -2).matmul(phq)) afterBlock = OtherBlocksWithTotal(qg, later, masks, earlier: false, add: true);
            clock?.Mark("backward: state gradients (matmul, triangular sum)");
            Tensor dva;
            using (var a = scores is null ? phq.matmul(phk.transpose(-1, -2)).tril_() : scores.narrow(2, start / segment * BlocksIn(segment, block), nb))
                dva = a.transpose(-1, -2).matmul(ga.narrow(-1, 0, e));
            var dPhk = dA.transpose(-1, -2).matmul(phq);
            clock?.Mark("backward: intra-block masked products");
            using (afterBlock)
            {
                dva = AddProduct(dva, phk, afterBlock.narrow(-2, 0, e).transpose(-1, -2));
                dPhk = AddProduct(dPhk, va, afterBlock);
            }
            clock?.Mark("backward: inter-block products");
            // A query's output is unchanged when all its features scale alike, so Σ du = 0 over its row and the
            // gradient of −|x'|²/2 (−(Σ du) x') vanishes: du (s W') alone, s = d^(−1/4).
            using (dPhq) dq.narrow(2, start, n).copy_(Tokens(dPhq, n).mul_(phqFlat).matmul(ws));
            using (dPhk) dk.narrow(2, start, n).copy_(ExponentBackward(Tokens(dPhk, n).mul_(phkFlat), ks, ws, scale * scale));
            dv.narrow(2, start, n).copy_(Tokens(dva, n));
            clock?.Mark("backward: feature-map backward, copy out");
        }
        clock?.Mark("backward: free segment");
        if (trimHeap) { Slim.NativeHeap.Trim(); clock?.Mark("backward: heap trim"); }
        var dInitial = later.transpose(-1, -2).contiguous();
        return (dq.MoveToOuterDisposeScope(), dk.MoveToOuterDisposeScope(), dv.MoveToOuterDisposeScope(), dInitial.MoveToOuterDisposeScope());
    }

    // Sums over the other blocks of a segment by one batched product with a triangular [nb, nb] matrix of ones, the
    // carried state added in place: two passes over the per-block terms where a cumulative sum, a shift and an add took
    // three (and a reversed sum two flips more). Exclusive, not inclusive minus each block's own term: subtraction would
    // cancel catastrophically where one block's term dwarfs the rest. The first block's sum over earlier blocks (the last
    // block's over later ones) is empty, so that row of the matrix is all ones instead: its slot holds the segment's
    // total, which updates the carried state, and is then overwritten with the state itself. (Until issue 15's fifth
    // pass the total was a separate float64 sum over the blocks, one more pass over them: ≈ 5 % of the causal time.)

    /// <summary>
    /// For per-block terms x [B, H, nb, r, f] (in the data's dtype) and a carried state s [B, H, r, f] (any float dtype):
    /// s₀ + Σ over blocks b' &lt; b (<paramref name="earlier"/>) or b' &gt; b of x[.., b', ..] for each block b, in x's
    /// dtype, where s₀ is the state on the segment's near side. With <paramref name="add"/>, s₀ is s as passed and the
    /// segment's total Σ_b x[.., b, ..] is then added to s in place (walking forward, or backward for the state
    /// gradients); without, s is the state on the far side and the total is subtracted from it first (backward
    /// recovering forward's states). Both compute the total by the same operations on the same data, so the
    /// subtraction undoes forward's addition up to the state's own (float64) rounding.
    /// </summary>
    static Tensor OtherBlocksWithTotal(Tensor x, Tensor s, BlockMasks masks, bool earlier, bool add)
    {
        long bh = x.shape[0] * x.shape[1], nb = x.shape[2], f = x.shape[3] * x.shape[4];
        long totalRow = earlier ? 0 : nb - 1;
        var batched = masks.Get(x, earlier);
        using var flat = x.view(bh, nb, f);
        var sums = batched.bmm(flat);             // then the state added to the other rows: the total's row gets it as is
        using var total = sums.narrow(1, totalRow, 1);
        // Backward's state is the one after the segment: the blocks continue from it less the total.
        if (!add) using (var t = total.view(s.shape)) s.sub_(t);
        using var start = s.dtype == x.dtype ? s.clone() : s.to_type(x.dtype);   // a copy: s changes below
        using var initial = start.view(bh, 1, f);
        if (nb > 1)
        {
            using var others = earlier ? sums.narrow(1, 1, nb - 1) : sums.narrow(1, 0, nb - 1);
            others.add_(initial);
        }
        if (add) using (var t = total.view(s.shape)) s.add_(t);
        total.copy_(initial);
        using (sums) return sums.view(x.shape);
    }

    /// <summary>
    /// The [B·H, nb, nb] matrices of <see cref="OtherBlocksWithTotal"/>, made once per pass and block count (every
    /// segment but the last has the same) and disposed with the pass's scope.
    /// </summary>
    sealed class BlockMasks
    {
        readonly Dictionary<(long Nb, bool Earlier), Tensor> _made = new();

        public Tensor Get(Tensor x, bool earlier)
        {
            long bh = x.shape[0] * x.shape[1], nb = x.shape[2];
            if (_made.TryGetValue((nb, earlier), out var made)) return made;
            using var scope = NewDisposeScope();
            using var all = ones(nb, nb, dtype: x.dtype, device: x.device);
            var mask = earlier ? all.tril(-1) : all.triu(1);
            using (var row = mask[earlier ? 0 : nb - 1]) row.fill_(1);
            var batched = mask.expand(bh, nb, nb);
            // Out of this call's scope and the segment's, into the pass's.
            batched.MoveToOuterDisposeScope();
            made = batched.MoveToOuterDisposeScope();
            _made[(nb, earlier)] = made;
            return made;
        }
    }

    /// <summary>
    /// x + a b for batches of matrices [B, H, nb, r, f] (x contiguous; a, b views whose batch dimensions merge) by one
    /// batched product that accumulates into a copy of x, which it returns; x is disposed. Where a product and then an
    /// add took a temporary, MKL's clearing of it and a pass adding it, this takes one copy (TorchSharp 0.107 has no
    /// in-place baddbmm_).
    /// </summary>
    static Tensor AddProduct(Tensor x, Tensor a, Tensor b)
    {
        using (x)
        {
            using var x3 = x.view(-1, x.shape[^2], x.shape[^1]);
            using var a3 = a.reshape(-1, a.shape[^2], a.shape[^1]);
            using var b3 = b.reshape(-1, b.shape[^2], b.shape[^1]);
            // TorchSharp 0.107 passes baddbmm's operands on rotated: t.baddbmm(u, w) computes w + t u.
            using var sum = a3.baddbmm(b3, x3);
            return sum.view(x.shape);
        }
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

    /// <summary>
    /// φ(q) = exp(u − max_row u − log √m), u = x' W'ᵀ + b, in place on the exponents. The feature map's −|x'|²/2 is
    /// left out: it is the same for all of a query's features, so the row maximum cancels it exactly.
    /// </summary>
    static Tensor QueryFeatures(Tensor q, Tensor wt, Tensor? bias, double logNorm)
    {
        var u = q.matmul(wt);
        if (bias is not null) u.add_(bias);
        using var shift = u.amax(new long[] { -1 }, keepdim: true).add_(logNorm);
        return u.sub_(shift).exp_();
    }

    /// <summary>
    /// φ(k) = exp(u − c), u = x' W'ᵀ + b − |x'|²/2, with the data-free shift c (log √m included); zero on padded keys.
    /// The per-row −|x'|²/2 − c is one [n, 1] column subtracted in one pass over the exponents.
    /// </summary>
    static Tensor KeyFeatures(Tensor k, Tensor wt, Tensor? bias, Tensor? keep, long start, double scale2, double shift)
    {
        var u = k.matmul(wt);
        if (bias is not null) u.add_(bias);
        using (var rowShift = k.square().sum(-1, keepdim: true).mul_(0.5 * scale2).add_(shift)) u.sub_(rowShift);
        if (keep is not null) u.masked_fill_(keep.narrow(-1, start, k.shape[2]).logical_not().unsqueeze(-1), double.NegativeInfinity);
        return u.exp_();
    }

    /// <summary>
    /// Gradient of u = x' W'ᵀ + b − |x'|²/2, x' = s x, with respect to the unscaled x for du = ∂L/∂u, given sW' and s²:
    /// du (s W') − s² (Σ du) x.
    /// </summary>
    static Tensor ExponentBackward(Tensor du, Tensor x, Tensor ws, double scale2) =>
        du.matmul(ws).sub_(x.mul(du.sum(-1, keepdim: true).mul_(scale2)));

    static Tensor Augmented(Tensor v) =>
        cat(new[] { v, ones(v.shape[0], v.shape[1], v.shape[2], 1, dtype: v.dtype, device: v.device) }, -1);
}
