using Helix.Torch;
using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>
/// Linear (random-feature) attention on precomputed features. Features are [B, H, L, m], values [B, H, L, dh];
/// padded keys must already have zero features (see <see cref="FeatureMaps"/>), so they add nothing to the
/// numerator or the denominator. Outputs are Σ_j (φ(q)·φ(k_j)) v_j / Σ_j φ(q)·φ(k_j).
/// </summary>
public static class FavorFunctional
{
    /// <summary>Chunk length of the causal prefix-sum algorithm (tokens per masked quadratic block).</summary>
    public const int CausalChunk = 128;

    /// <summary>Bidirectional attention in O(L·m·dh): φ(Q) (φ(K)ᵀ V) normalized by φ(Q) (φ(K)ᵀ 1). Keys may be longer or shorter than queries.</summary>
    public static Tensor Bidirectional(Tensor qPrime, Tensor kPrime, Tensor v)
    {
        CheckFeatures(qPrime, kPrime, v);
        using var scope = NewDisposeScope();
        // A column of ones appended to v turns the denominator into one more output column: two matmuls in all.
        long dh = v.shape[3];
        var vAug = cat(new[] { v, ones(v.shape[0], v.shape[1], v.shape[2], 1, dtype: v.dtype, device: v.device) }, -1);
        var num = qPrime.matmul(kPrime.transpose(-1, -2).matmul(vAug));          // [B, H, Lq, dh + 1]
        return (num.narrow(-1, 0, dh) / SafeDenominator(num.narrow(-1, dh, 1))).MoveToOuterDisposeScope();
    }

    /// <summary>Elements of one block's [rows, m] feature tensor (over all batch rows and heads) in <see cref="BidirectionalSoftmax"/>.</summary>
    public const long BlockBudget = 1L << 19;

    /// <summary>
    /// Bidirectional FAVOR+ from raw per-head queries and keys: the positive softmax features of
    /// <see cref="FeatureMaps.SoftmaxPositive"/> (queries stabilized per row, keys per sequence) and
    /// <see cref="Bidirectional"/> in one memory-lean pass. The features are made block by block and never stored:
    /// forward keeps Σ φ(k)ᵀ[v, 1] and one denominator per query, backward recomputes each block's features, so memory
    /// beyond inputs and output does not grow with L. Same result as the two-step path up to rounding.
    /// </summary>
    /// <param name="q">Queries [B, H, Lq, d].</param>
    /// <param name="k">Keys [B, H, Lk, d].</param>
    /// <param name="v">Values [B, H, Lk, dh].</param>
    /// <param name="projection">Random projection W [m, d] (a constant: no gradient flows into it).</param>
    /// <param name="keep">Optional bool [B, 1 or H, Lk]: false keys (padding) are ignored.</param>
    /// <param name="blockRows">Tokens per block (default: about <see cref="BlockBudget"/> feature elements per block).</param>
    public static Tensor BidirectionalSoftmax(Tensor q, Tensor k, Tensor v, Tensor projection, Tensor? keep = null, long? blockRows = null)
    {
        CheckFused(q, k, v, projection, keep, blockRows, causal: false);
        long block = blockRows ?? FavorBlocks.BlockRows(q.shape[0] * q.shape[1], projection.shape[0], BlockBudget);
        using var scope = NewDisposeScope();
        var w = projection.detach();
        // The custom function only when a graph is built (its context would otherwise keep the inputs until finalization).
        bool needsGraph = is_grad_enabled() && (q.requires_grad || k.requires_grad || v.requires_grad);
        var output = needsGraph ? FavorAttentionFunction.apply(q, k, v, w, keep!, block)[0] : FavorBlocks.Forward(q, k, v, w, keep, block).Output;
        return output.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Causal FAVOR+ (or FAVOR++ for <paramref name="oprfA"/> &lt; 0) from raw per-head queries and keys, fused and
    /// memory-lean: block by block with a carried [m, dh + 1] state, the block's own keys by a masked c×c product, and
    /// features recomputed in backward, so nothing of size L·m is kept. Same result as <see cref="Causal"/> on
    /// <see cref="FeatureMaps.SoftmaxPositive"/> (or <see cref="FeatureMaps.OptimalPositive"/>) features with queries
    /// stabilized per row and keys by <see cref="FeatureStabilizer.None"/>, up to rounding.
    /// </summary>
    /// <param name="q">Queries [B, H, L, d].</param>
    /// <param name="k">Keys [B, H, L, d].</param>
    /// <param name="v">Values [B, H, L, dh].</param>
    /// <param name="projection">Random projection W [m, d] (a constant: no gradient flows into it).</param>
    /// <param name="keep">Optional bool [B, 1 or H, L]: false keys (padding) are ignored.</param>
    /// <param name="blockRows">Tokens per block (default: <see cref="CausalBlockRows"/>).</param>
    /// <param name="oprfA">FAVOR++'s coefficient A ≤ 0 (<see cref="FeatureMaps.OprfCoefficient(double)"/>); 0 (the default) is FAVOR+.</param>
    public static Tensor CausalSoftmax(Tensor q, Tensor k, Tensor v, Tensor projection, Tensor? keep = null, long? blockRows = null, double oprfA = 0)
    {
        using var scope = NewDisposeScope();
        var (output, final) = CausalSoftmaxCore(q, k, v, projection, keep, null, blockRows, oprfA, wantFinal: false, trimHeap: true);
        return output.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// <see cref="CausalSoftmax"/> continuing from a prefix state <paramref name="initial"/> [B, H, m, dh + 1] (the sums
    /// Σ φ(k_j)ᵀ [v_j, 1] over earlier tokens; null = empty prefix) and returning the state after the last token as well:
    /// the fused path for SLiM's slices. Differentiable in q, k, v and the initial state; the final state is too. It
    /// leaves the C heap alone (SLiM trims it between slices), where <see cref="CausalSoftmax"/> trims it after forward and backward.
    /// </summary>
    internal static (Tensor Output, Tensor Final) CausalSoftmaxWithState(Tensor q, Tensor k, Tensor v, Tensor projection, Tensor? keep,
        Tensor? initial, long? blockRows = null, double oprfA = 0)
    {
        using var scope = NewDisposeScope();
        var (output, final) = CausalSoftmaxCore(q, k, v, projection, keep, initial, blockRows, oprfA, wantFinal: true, trimHeap: false);
        return (output.MoveToOuterDisposeScope(), final!.MoveToOuterDisposeScope());
    }

    // The argument checks of the fused paths, before any native call: shapes, dtypes, the mask and the block size.
    static void CheckFused(Tensor q, Tensor k, Tensor v, Tensor projection, Tensor? keep, long? blockRows, bool causal)
    {
        string keys = causal ? "L" : "Lk";
        TensorGuard.Rank(q, 4, nameof(q), causal ? "[B, H, L, d]" : "[B, H, Lq, d]");
        TensorGuard.Rank(k, 4, nameof(k), $"[B, H, {keys}, d]");
        TensorGuard.Rank(projection, 2, nameof(projection), "[m, d]");
        CheckFeatures(q, k, v);
        TensorGuard.SameDtype(q, projection, nameof(q), nameof(projection));
        if (causal && k.shape[2] != q.shape[2])
            throw new ArgumentException($"causal attention needs as many keys as queries: q has {q.shape[2]}, k has {k.shape[2]}", nameof(k));
        if (projection.shape[1] != q.shape[3])
            throw new ArgumentException($"projection {TensorGuard.Shape(projection)} must have d = {q.shape[3]} columns", nameof(projection));
        if (keep is not null && (keep.dim() != 3 || keep.shape[0] != q.shape[0] || keep.shape[2] != k.shape[2] || keep.dtype != ScalarType.Bool))
            throw new ArgumentException($"keep must be bool [B, 1 or H, {keys}], got {TensorGuard.Shape(keep)}", nameof(keep));
        if (blockRows is <= 0) throw new ArgumentOutOfRangeException(nameof(blockRows), blockRows, "block rows must be positive");
    }

    static (Tensor Output, Tensor? Final) CausalSoftmaxCore(Tensor q, Tensor k, Tensor v, Tensor projection, Tensor? keep, Tensor? initial,
        long? blockRows, double oprfA, bool wantFinal, bool trimHeap)
    {
        CheckFused(q, k, v, projection, keep, blockRows, causal: true);
        if (!(oprfA <= 0)) throw new ArgumentOutOfRangeException(nameof(oprfA), oprfA, "FAVOR++'s A must be ≤ 0");
        long b = q.shape[0], h = q.shape[1], m = projection.shape[0], e = v.shape[3];
        if (initial is not null)
        {
            TensorGuard.SameDtype(q, initial, nameof(q), nameof(initial));
            if (initial.dim() != 4 || initial.shape[0] != b || initial.shape[1] != h || initial.shape[2] != m || initial.shape[3] != e + 1)
                throw new ArgumentException($"initial must have shape [{b}, {h}, {m}, {e + 1}], got {TensorGuard.Shape(initial)}", nameof(initial));
        }
        long block = blockRows ?? CausalBlockRows(m);
        using var scope = NewDisposeScope();
        var (w, bias, shift) = OprfTerms(projection.detach(), oprfA);
        long segment = FavorCausalBlocks.SegmentTokens(b * h, m, e, block);
        bool needsGraph = is_grad_enabled() && (q.requires_grad || k.requires_grad || v.requires_grad || initial is { requires_grad: true });
        Tensor output, final;
        if (needsGraph)
        {
            var results = FavorCausalFunction.apply(q, k, v, w, bias!, shift, keep!, block, segment, initial!, trimHeap);
            (output, final) = (results[0], results[1]);
        }
        else
        {
            var r = FavorCausalBlocks.Forward(q, k, v, w, bias, shift, keep, block, segment, initial, trimHeap);
            (output, final) = (r.Output, r.Final.to_type(q.dtype));
        }
        return (output.MoveToOuterDisposeScope(), wantFinal ? final.MoveToOuterDisposeScope() : null);
    }

    /// <summary>
    /// Tokens per block of <see cref="CausalSoftmax"/> for m features, from measurement (BENCHMARKS.md, `helix bench
    /// attention --methods favor-causal --block c`): the masked c×c products cost about 4·c·m per token against ≈ 24·m·d
    /// for the features and states, while smaller blocks pay more, smaller matmuls. At m = 256, dh = 64 forward+backward
    /// took 0.64–0.81 s (c = 32), 0.65–0.78 s (64), 0.73–0.78 s (128), 0.93–1.01 s (256) and 0.87–0.94 s (16) at
    /// L = 8192 on one thread, so c = m/4, at least 16 and at most 128.
    /// </summary>
    public static long CausalBlockRows(long features) => Math.Clamp(features / 4, 16, 128);

    /// <summary>W' = √(1 − 4A) W, b = A|w|² + (d/4) log(1 − 4A) (null for A = 0), and the keys' data-free shift.</summary>
    static (Tensor W, Tensor? Bias, double Shift) OprfTerms(Tensor w, double a)
    {
        using var scope = NewDisposeScope();
        double d = w.shape[1];
        double maxNorm = w.square().sum(1).max().to_type(ScalarType.Float64).item<double>();
        // The bound of FeatureMaps' None stabilizer: (1/2 − A) max|w|² + (d/4) log(1 − 4A) − 60, at least 0.
        double shift = Math.Max(0, (0.5 - a) * maxNorm + d / 4 * Math.Log(1 - 4 * a) - 60);
        if (a == 0) return (w.MoveToOuterDisposeScope(), null, shift);
        var bias = w.square().sum(1).mul_(a).add_(d / 4 * Math.Log(1 - 4 * a));
        return ((w * Math.Sqrt(1 - 4 * a)).MoveToOuterDisposeScope(), bias.MoveToOuterDisposeScope(), shift);
    }

    /// <summary>Causal attention (token i attends to keys ≤ i) in O(L·m·dh) time, by chunked prefix sums.</summary>
    public static Tensor Causal(Tensor qPrime, Tensor kPrime, Tensor v)
    {
        var (output, state) = CausalWithState(qPrime, kPrime, v, null);
        state.S.Dispose();
        state.Z.Dispose();
        return output;
    }

    /// <summary>
    /// Causal attention continuing from the prefix state <paramref name="initial"/> (null = empty prefix), returning the
    /// output and the state after the last token. Differentiable in all inputs, the initial state included; the
    /// backward pass keeps only the inputs and rebuilds the prefix states.
    /// </summary>
    public static (Tensor Output, CausalState Final) CausalWithState(Tensor qPrime, Tensor kPrime, Tensor v, CausalState? initial)
    {
        CheckFeatures(qPrime, kPrime, v);
        long b = qPrime.shape[0], h = qPrime.shape[1], len = qPrime.shape[2], m = qPrime.shape[3], dh = v.shape[3];
        if (kPrime.shape[2] != len)
            throw new ArgumentException($"causal attention needs as many keys as queries: qPrime has {len}, kPrime has {kPrime.shape[2]}", nameof(kPrime));
        if (initial is not null) CheckState(initial, b, h, m, dh, qPrime.dtype);

        using var scope = NewDisposeScope();
        var vAug = cat(new[] { v, ones(b, h, len, 1, dtype: v.dtype, device: v.device) }, -1).reshape(b * h, len, dh + 1);
        var s0 = initial is null
            ? zeros(b * h, m, dh + 1, dtype: qPrime.dtype, device: qPrime.device)
            : cat(new[] { initial.S, initial.Z.unsqueeze(-1) }, -1).reshape(b * h, m, dh + 1);
        var (numFlat, stateFlat) = CausalChunksTracked(
            qPrime.reshape(b * h, len, m).contiguous(), kPrime.reshape(b * h, len, m).contiguous(), vAug.contiguous(), s0.contiguous());
        var num = numFlat.view(b, h, len, dh + 1);
        var state = stateFlat.view(b, h, m, dh + 1);
        var output = num.narrow(-1, 0, dh) / SafeDenominator(num.narrow(-1, dh, 1));
        var final = new CausalState(state.narrow(-1, 0, dh).MoveToOuterDisposeScope(), state.select(-1, dh).MoveToOuterDisposeScope());
        return (output.MoveToOuterDisposeScope(), final);
    }

    /// <summary>
    /// The chunked causal prefix sums, through the custom autograd function only when a graph is being built: its
    /// context saves the inputs and is released only by the .NET finalizer, so under no_grad (or on inputs that need
    /// no gradient) every call would strand a slice's worth of features until the garbage collector ran.
    /// </summary>
    static (Tensor Num, Tensor State) CausalChunksTracked(Tensor q, Tensor k, Tensor vAug, Tensor s0)
    {
        bool needsGraph = is_grad_enabled() && (q.requires_grad || k.requires_grad || vAug.requires_grad || s0.requires_grad);
        if (!needsGraph) return CausalChunks.Forward(q, k, vAug, s0, CausalChunk);
        var results = CausalLinearAttentionFunction.apply(q, k, vAug, s0, CausalChunk);
        return (results[0], results[1]);
    }

    /// <summary>
    /// What a slice of keys adds to the causal state: S = Σ φ(k_j) v_jᵀ, Z = Σ φ(k_j) over kept tokens
    /// (<paramref name="keepMask"/> bool [B, L], true = keep; null keeps all).
    /// </summary>
    public static CausalState StateContribution(Tensor kPrime, Tensor v, Tensor? keepMask)
    {
        TensorGuard.Rank(kPrime, 4, nameof(kPrime), "[B, H, L, m]");
        TensorGuard.Rank(v, 4, nameof(v), "[B, H, L, dh]");
        if (v.shape[0] != kPrime.shape[0] || v.shape[1] != kPrime.shape[1] || v.shape[2] != kPrime.shape[2])
            throw new ArgumentException($"v {TensorGuard.Shape(v)} must match kPrime {TensorGuard.Shape(kPrime)} in batch, heads and length", nameof(v));
        TensorGuard.PaddingMask(keepMask, kPrime.shape[0], kPrime.shape[2], nameof(keepMask));
        using var scope = NewDisposeScope();
        var k = keepMask is null ? kPrime : kPrime * keepMask.unsqueeze(1).unsqueeze(-1).to_type(kPrime.dtype);
        var s = k.transpose(-1, -2).matmul(v);
        var z = k.sum(-2);
        return new CausalState(s.MoveToOuterDisposeScope(), z.MoveToOuterDisposeScope());
    }

    /// <summary>Slow reference: causal linear attention with an explicit L×L lower-triangular mask (O(L²)); for tests.</summary>
    public static Tensor CausalReference(Tensor qPrime, Tensor kPrime, Tensor v)
    {
        CheckFeatures(qPrime, kPrime, v);
        using var scope = NewDisposeScope();
        var a = qPrime.matmul(kPrime.transpose(-1, -2)).tril();
        var den = a.sum(-1, keepdim: true);
        return (a.matmul(v) / SafeDenominator(den)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// den + ε·sign(den) with sign(0) = +1: never zero and never flips sign (trigonometric features can make it
    /// negative). A query whose keys are all padded gets 0 / ε = 0.
    /// </summary>
    public static Tensor SafeDenominator(Tensor den)
    {
        double eps = den.dtype == ScalarType.Float64 ? 1e-30 : 1e-12;
        return den + where(den >= 0, eps, -eps).to_type(den.dtype);
    }

    static void CheckFeatures(Tensor qPrime, Tensor kPrime, Tensor v)
    {
        TensorGuard.Rank(qPrime, 4, nameof(qPrime), "[B, H, Lq, m]");
        TensorGuard.Rank(kPrime, 4, nameof(kPrime), "[B, H, Lk, m]");
        TensorGuard.Rank(v, 4, nameof(v), "[B, H, Lk, dh]");
        TensorGuard.Floating(qPrime, nameof(qPrime));
        TensorGuard.SameDtype(qPrime, kPrime, nameof(qPrime), nameof(kPrime));
        TensorGuard.SameDtype(qPrime, v, nameof(qPrime), nameof(v));
        if (kPrime.shape[0] != qPrime.shape[0] || kPrime.shape[1] != qPrime.shape[1] || kPrime.shape[3] != qPrime.shape[3])
            throw new ArgumentException($"kPrime {TensorGuard.Shape(kPrime)} must match qPrime {TensorGuard.Shape(qPrime)} in batch, heads and features", nameof(kPrime));
        if (v.shape[0] != kPrime.shape[0] || v.shape[1] != kPrime.shape[1] || v.shape[2] != kPrime.shape[2])
            throw new ArgumentException($"v {TensorGuard.Shape(v)} must match kPrime {TensorGuard.Shape(kPrime)} in batch, heads and length", nameof(v));
        if (qPrime.shape[2] == 0 || kPrime.shape[2] == 0)
            throw new ArgumentException("attention needs at least one query and one key", nameof(qPrime));
    }

    static void CheckState(CausalState state, long b, long h, long m, long dh, ScalarType dtype)
    {
        TensorGuard.Rank(state.S, 4, "initial.S", "[B, H, m, dh]");
        TensorGuard.Rank(state.Z, 3, "initial.Z", "[B, H, m]");
        if (state.S.shape[0] != b || state.S.shape[1] != h || state.S.shape[2] != m || state.S.shape[3] != dh)
            throw new ArgumentException($"initial.S must have shape [{b}, {h}, {m}, {dh}], got {TensorGuard.Shape(state.S)}", nameof(state));
        if (state.Z.shape[0] != b || state.Z.shape[1] != h || state.Z.shape[2] != m)
            throw new ArgumentException($"initial.Z must have shape [{b}, {h}, {m}], got {TensorGuard.Shape(state.Z)}", nameof(state));
        if (state.S.dtype != dtype || state.Z.dtype != dtype)
            throw new ArgumentException($"the initial state must have dtype {dtype}", nameof(state));
    }
}
