using Helix.Core;
using Helix.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>
/// Multi-head attention whose parameters (<c>q_proj</c>, <c>k_proj</c>, <c>v_proj</c>, <c>out_proj</c>, each a Linear
/// with bias) and buffer (<c>projection</c>, the random features W [m, dh] shared by all heads) are the same for every
/// mechanism, so a state dict of an exact model loads into a Performer and back. The config selects exact softmax,
/// FAVOR+ or a generalized kernel.
/// </summary>
public sealed class MultiheadAttention : nn.Module<Tensor, Tensor, Tensor, Tensor?, Tensor>
{
    // Children in call order (their names are the state-dict keys).
    readonly Linear q_proj;
    readonly Linear k_proj;
    readonly Linear v_proj;
    readonly Linear out_proj;
    readonly Tensor projection;

    readonly AttentionConfig _config;
    readonly long _dim, _heads, _headDim;
    long _draws;

    /// <summary>Creates the module and draws its projection from <c>config.Seed</c>.</summary>
    /// <param name="dim">Model width D.</param>
    /// <param name="heads">Number of heads; must divide <paramref name="dim"/>.</param>
    /// <param name="config">Mechanism, features and projection settings.</param>
    /// <param name="causal">Token i attends only to keys ≤ i (needs equal query and key lengths).</param>
    /// <param name="rotary">Apply rotary positions to queries and keys.</param>
    public MultiheadAttention(long dim, long heads, AttentionConfig config, bool causal = false, bool rotary = false)
        : base(nameof(MultiheadAttention))
    {
        ArgumentNullException.ThrowIfNull(config);
        TensorGuard.Positive(dim, nameof(dim));
        TensorGuard.Positive(heads, nameof(heads));
        if (dim % heads != 0) throw new ArgumentException($"heads ({heads}) must divide dim ({dim})", nameof(heads));
        TensorGuard.Positive(config.NumFeatures, "config.NumFeatures");
        if (config.Mechanism == AttentionMechanism.Favor && config.FeatureMap is not (FeatureMapKind.SoftmaxPositive or FeatureMapKind.OptimalPositive or FeatureMapKind.SoftmaxHyperbolic or FeatureMapKind.Trigonometric))
            throw new ArgumentException($"FAVOR+ estimates the softmax kernel and needs a softmax feature map, not {config.FeatureMap}; use AttentionMechanism.Generalized for it", nameof(config));
        if (config.Mechanism == AttentionMechanism.Generalized && config.FeatureMap is not (FeatureMapKind.Relu or FeatureMapKind.EluPlusOne or FeatureMapKind.Custom))
            throw new ArgumentException($"a generalized kernel needs FeatureMap Relu, EluPlusOne or Custom, not {config.FeatureMap}", nameof(config));
        if (config.FeatureMap == FeatureMapKind.Custom && config.CustomFeature is null)
            throw new ArgumentException("FeatureMap Custom needs config.CustomFeature", nameof(config));
        if (config.OprfRho is { } rho && !(rho >= 0 && double.IsFinite(rho)))
            throw new ArgumentException($"OprfRho must be a finite number ≥ 0, got {rho}", nameof(config));
        if (rotary && dim / heads % 2 != 0)
            throw new ArgumentException($"rotary positions need an even head size, got {dim / heads}", nameof(rotary));

        _config = config;
        _dim = dim;
        _heads = heads;
        _headDim = dim / heads;
        Causal = causal;
        Rotary = rotary;
        q_proj = nn.Linear(dim, dim);
        k_proj = nn.Linear(dim, dim);
        v_proj = nn.Linear(dim, dim);
        out_proj = nn.Linear(dim, dim);
        projection = RandomProjections.Draw(config.Projection, config.RowNorms, config.NumFeatures, (int)_headDim, SplitMix64.Combine(config.Seed, 0));
        RegisterComponents();
    }

    /// <summary>The attention settings.</summary>
    public AttentionConfig Config => _config;
    /// <summary>Whether attention is causal.</summary>
    public bool Causal { get; }
    /// <summary>Whether rotary positions are applied.</summary>
    public bool Rotary { get; }
    /// <summary>Number of heads.</summary>
    public long Heads => _heads;
    /// <summary>Per-head size dh.</summary>
    public long HeadDim => _headDim;
    /// <summary>The random projection buffer W [m, dh] (shared by the heads).</summary>
    public Tensor Projection => projection;
    /// <summary>When true, the redraw policy is ignored (explicit <see cref="RedrawProjections"/> still redraws).</summary>
    public bool ProjectionsFrozen { get; set; }
    /// <summary>Feature count of φ: 2m for hyperbolic and trigonometric maps, dh for a generalized kernel without projection.</summary>
    public long FeatureCount => _config.Mechanism switch
    {
        AttentionMechanism.Favor when _config.FeatureMap is FeatureMapKind.SoftmaxHyperbolic or FeatureMapKind.Trigonometric => 2L * _config.NumFeatures,
        AttentionMechanism.Generalized when !_config.UseProjectionForGeneralized => _headDim,
        _ => _config.NumFeatures,
    };

    /// <summary>Attention of <paramref name="query"/> [B, Lq, D] over <paramref name="key"/>, <paramref name="value"/> [B, Lk, D]; padding mask [B, Lk] true = padding.</summary>
    public override Tensor forward(Tensor query, Tensor key, Tensor value, Tensor? keyPaddingMask)
    {
        if (training && !ProjectionsFrozen && _config.Redraw.Kind == RedrawKind.EveryCall) RedrawProjections();
        var (output, state) = Attend(query, key, value, keyPaddingMask, 0, null, wantState: false);
        return output;
    }

    /// <summary>Draws a fresh projection in place (no gradient), seeded by the config seed and a draw counter.</summary>
    public void RedrawProjections()
    {
        _draws++;
        DrawProjection(_draws);
    }

    /// <summary>Applies the redraw policy for optimizer step <paramref name="step"/>; the draw depends only on the seed and the step, so resumed training draws the same.</summary>
    public void OnTrainingStep(long step)
    {
        if (ProjectionsFrozen || !_config.Redraw.RedrawsAtStep(step)) return;
        _draws = step;
        DrawProjection(step);
    }

    void DrawProjection(long draw)
    {
        using var noGrad = no_grad();
        using var w = RandomProjections.Draw(_config.Projection, _config.RowNorms, _config.NumFeatures, (int)_headDim, SplitMix64.Combine(_config.Seed, draw), projection.dtype);
        projection.copy_(w);
    }

    /// <summary>
    /// Attention on a slice that starts at absolute position <paramref name="start"/> (rotary positions use it). For
    /// causal FAVOR/generalized attention, continues from <paramref name="stateIn"/> and returns the state after the
    /// slice when <paramref name="wantState"/>.
    /// </summary>
    internal (Tensor Output, CausalState? State) Attend(Tensor query, Tensor key, Tensor value, Tensor? keyPaddingMask, long start, CausalState? stateIn, bool wantState)
    {
        CheckInputs(query, key, value, keyPaddingMask);
        if ((stateIn is not null || wantState) && (!Causal || _config.Mechanism == AttentionMechanism.Exact))
            throw new InvalidOperationException("causal states exist only for causal FAVOR+ or generalized attention (not Exact, not bidirectional)");
        using var scope = NewDisposeScope();
        var q = SplitHeads(q_proj.call(query));
        var k = SplitHeads(k_proj.call(key));
        var v = SplitHeads(v_proj.call(value));
        if (Rotary) { q = RotaryEmbedding.Apply(q, start); k = RotaryEmbedding.Apply(k, start); }

        if (!Causal) return (Merge(BidirectionalHeads(q, k, v, keyPaddingMask)), null);
        if (_config.Mechanism == AttentionMechanism.Exact) return (Merge(ExactAttention.Forward(q, k, v, keyPaddingMask, causal: true)), null);

        Tensor o;
        CausalState? state = null;
        var keep = keyPaddingMask?.logical_not().unsqueeze(1);              // [B, 1, Lk]
        if (_config.FeatureMap is (FeatureMapKind.SoftmaxPositive or FeatureMapKind.OptimalPositive))
        {
            // Features fused with the block-wise prefix sums: faster than the two-step path and nothing of size L·m
            // kept. SLiM's slices carry the state [S, Z] through it as one [B, H, m, dh + 1] tensor.
            double oprfA = _config.FeatureMap == FeatureMapKind.OptimalPositive ? FeatureMaps.OprfCoefficient(CausalOprfRho) : 0;
            if (stateIn is null && !wantState)
            {
                o = FavorFunctional.CausalSoftmax(q, k, v, projection, keep, oprfA: oprfA);
            }
            else
            {
                var initial = stateIn is null ? null : cat(new[] { stateIn.S, stateIn.Z.unsqueeze(-1) }, -1);
                (o, var final) = FavorFunctional.CausalSoftmaxWithState(q, k, v, projection, keep, initial, oprfA: oprfA);
                if (wantState) state = new CausalState(final.narrow(-1, 0, _headDim).MoveToOuterDisposeScope(), final.select(-1, _headDim).MoveToOuterDisposeScope());
            }
        }
        else
        {
            var a = OprfA(q, k, keep);
            (o, var final) = FavorFunctional.CausalWithState(Features(q, isQuery: true, null, a), Features(k, isQuery: false, keep, a), v, stateIn);
            if (wantState) state = new CausalState(final.S.MoveToOuterDisposeScope(), final.Z.MoveToOuterDisposeScope());
        }
        return (Merge(o), state);
    }

    /// <summary>
    /// Bidirectional attention of per-head q [B, H, Lq, dh] over k, v [B, H, Lk, dh] (rotary positions already applied):
    /// exact softmax, the fused memory-lean FAVOR+ path, or features then linear attention. Each query's row depends only
    /// on its own q (and the keys), except FAVOR++ with a per-call coefficient.
    /// </summary>
    Tensor BidirectionalHeads(Tensor q, Tensor k, Tensor v, Tensor? keyPaddingMask)
    {
        if (_config.Mechanism == AttentionMechanism.Exact) return ExactAttention.Forward(q, k, v, keyPaddingMask, causal: false);
        var keep = keyPaddingMask?.logical_not().unsqueeze(1);                  // [B, 1, Lk]
        // Features fused with attention, block by block: nothing of size L·m is kept for backward.
        if (_config.MemoryLean && _config.FeatureMap == FeatureMapKind.SoftmaxPositive) return FavorFunctional.BidirectionalSoftmax(q, k, v, projection, keep);
        var a = OprfA(q, k, keep);
        return FavorFunctional.Bidirectional(Features(q, isQuery: true, null, a), Features(k, isQuery: false, keep, a), v);
    }

    /// <summary>Heads [B, H, Lq, dh] merged to [B, Lq, D] and the output projection applied.</summary>
    Tensor Merge(Tensor heads) => out_proj.call(heads.transpose(1, 2).reshape(heads.shape[0], heads.shape[2], _dim)).MoveToOuterDisposeScope();

    /// <summary>
    /// Whether <see cref="AttendAt"/> gives exactly the full call's rows: bidirectional attention whose query
    /// features do not depend on the other queries (not FAVOR++ with a per-call coefficient, which reads them all).
    /// </summary>
    internal bool CanAttendAt => !Causal && !(_config.FeatureMap == FeatureMapKind.OptimalPositive && _config.OprfRho is null && _config.Mechanism != AttentionMechanism.Exact);

    /// <summary>
    /// Bidirectional attention of one query per batch row, <paramref name="query"/> [B, 1, D] at absolute position
    /// <paramref name="queryPositions"/>[r] (int64 [B]), over <paramref name="key"/>, <paramref name="value"/>
    /// [B, Lk, D] at positions 0 .. Lk−1: the rows the full call would give at those positions, for a fraction of
    /// its cost when only a few positions are read (the queries' projections, features and outputs are skipped).
    /// </summary>
    internal Tensor AttendAt(Tensor query, Tensor key, Tensor value, Tensor? keyPaddingMask, Tensor queryPositions)
    {
        if (!CanAttendAt) throw new InvalidOperationException("AttendAt needs bidirectional attention whose query features do not read the other queries (FAVOR++ needs a fixed OprfRho)");
        CheckInputs(query, key, value, keyPaddingMask);
        TensorGuard.Dim(query, 1, 1, nameof(query), "length");
        using var scope = NewDisposeScope();
        var q = SplitHeads(q_proj.call(query));
        var k = SplitHeads(k_proj.call(key));
        var v = SplitHeads(v_proj.call(value));
        if (Rotary) { q = RotaryEmbedding.ApplyAt(q, queryPositions); k = RotaryEmbedding.Apply(k, 0); }
        return Merge(BidirectionalHeads(q, k, v, keyPaddingMask));
    }

    /// <summary>What the keys/values of <paramref name="source"/> [B, L, D] (the attention input on a slice at <paramref name="start"/>) add to the causal state.</summary>
    internal CausalState StateContribution(Tensor source, long start, Tensor? keyPaddingMask)
    {
        CheckInputs(source, source, source, keyPaddingMask);
        if (!Causal || _config.Mechanism == AttentionMechanism.Exact)
            throw new InvalidOperationException("causal states exist only for causal FAVOR+ or generalized attention");
        using var scope = NewDisposeScope();
        var k = SplitHeads(k_proj.call(source));
        var v = SplitHeads(v_proj.call(source));
        if (Rotary) k = RotaryEmbedding.Apply(k, start);
        var keep = keyPaddingMask?.logical_not();
        var kp = Features(k, isQuery: false, keep?.unsqueeze(1), OprfA(k, k, null));
        var s = FavorFunctional.StateContribution(kp, v, keep);
        return new CausalState(s.S.MoveToOuterDisposeScope(), s.Z.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// FAVOR++'s coefficient A (null for other maps): from <see cref="AttentionConfig.OprfRho"/> when set or when
    /// causal (slices must share it), else estimated per batch row and head from this call's queries and keys.
    /// </summary>
    Tensor? OprfA(Tensor q, Tensor k, Tensor? keep)
    {
        if (_config.FeatureMap != FeatureMapKind.OptimalPositive) return null;
        if (_config.OprfRho is null && !Causal) return FeatureMaps.OprfCoefficient(q, k, keep);
        double rho = _config.OprfRho ?? CausalOprfRho;
        return full(1, FeatureMaps.OprfCoefficient(rho), dtype: q.dtype, device: q.device);
    }

    /// <summary>FAVOR++'s ρ where slices must share one A: the configured value, else unit-variance coordinates (2/√dh).</summary>
    double CausalOprfRho => _config.OprfRho ?? 2 / Math.Sqrt(_headDim);

    /// <summary>φ of per-head queries or keys [B, H, L, dh]. Causal keys are not stabilized so slices share one scale.</summary>
    Tensor Features(Tensor x, bool isQuery, Tensor? keep, Tensor? oprfA)
    {
        var stabilizer = isQuery ? FeatureStabilizer.PerRow : Causal ? FeatureStabilizer.None : FeatureStabilizer.PerSequence;
        return _config.FeatureMap switch
        {
            FeatureMapKind.SoftmaxPositive => FeatureMaps.SoftmaxPositive(x, projection, stabilizer, keep),
            FeatureMapKind.OptimalPositive => FeatureMaps.OptimalPositive(x, projection, oprfA!, stabilizer, keep),
            FeatureMapKind.SoftmaxHyperbolic => FeatureMaps.SoftmaxHyperbolic(x, projection, stabilizer, keep),
            FeatureMapKind.Trigonometric => FeatureMaps.Trigonometric(x, projection, stabilizer, keep),
            FeatureMapKind.Relu => FeatureMaps.Generalized(x, GeneralizedProjection, FeatureMaps.ReluKernel, keep),
            FeatureMapKind.EluPlusOne => FeatureMaps.Generalized(x, GeneralizedProjection, FeatureMaps.EluPlusOneKernel, keep),
            FeatureMapKind.Custom => FeatureMaps.Generalized(x, GeneralizedProjection, _config.CustomFeature!, keep),
            _ => throw new InvalidOperationException($"unknown feature map {_config.FeatureMap}"),
        };
    }

    Tensor? GeneralizedProjection => _config.UseProjectionForGeneralized ? projection : null;

    Tensor SplitHeads(Tensor x) => x.view(x.shape[0], x.shape[1], _heads, _headDim).transpose(1, 2);

    void CheckInputs(Tensor query, Tensor key, Tensor value, Tensor? keyPaddingMask)
    {
        TensorGuard.Rank(query, 3, nameof(query), "[B, Lq, D]");
        TensorGuard.Rank(key, 3, nameof(key), "[B, Lk, D]");
        TensorGuard.Rank(value, 3, nameof(value), "[B, Lk, D]");
        TensorGuard.Floating(query, nameof(query));
        TensorGuard.Dim(query, 2, _dim, nameof(query), "width");
        TensorGuard.Dim(key, 2, _dim, nameof(key), "width");
        TensorGuard.Dim(value, 2, _dim, nameof(value), "width");
        TensorGuard.Dim(key, 0, query.shape[0], nameof(key), "batch size");
        TensorGuard.Dim(value, 0, query.shape[0], nameof(value), "batch size");
        TensorGuard.Dim(value, 1, key.shape[1], nameof(value), "length");
        if (query.shape[1] == 0 || key.shape[1] == 0) throw new ArgumentException("attention needs at least one query and one key", nameof(query));
        if (Causal && query.shape[1] != key.shape[1])
            throw new ArgumentException($"causal attention needs as many keys as queries: {query.shape[1]} vs {key.shape[1]}", nameof(key));
        TensorGuard.SameDtype(q_proj.weight!, query, "the module weights", nameof(query));
        TensorGuard.SameDtype(query, key, nameof(query), nameof(key));
        TensorGuard.SameDtype(query, value, nameof(query), nameof(value));
        TensorGuard.PaddingMask(keyPaddingMask, query.shape[0], key.shape[1]);
        TensorGuard.Finite(query, nameof(query));
        if (!ReferenceEquals(key, query)) TensorGuard.Finite(key, nameof(key));
        if (!ReferenceEquals(value, key)) TensorGuard.Finite(value, nameof(value));
    }
}
