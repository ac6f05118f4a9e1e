using System.Runtime.InteropServices;
using Helix.Core;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// Stochastic Givens-rotation flow (Choromanski et al., ICML 2020). For a square X ∈ O(d) with gradient G, the
/// Riemannian gradient is X·Ω, Ω = skew(XᵀG) = ½(XᵀG − GᵀX). Each step draws a matching M (see
/// <see cref="MatchingKind"/>), forms the unbiased sparse estimate Ω̂_ij = Ω_ij / p_ij on its edges, computing only
/// those entries (O(d) each), and sets X ← X·exp(−ηΩ̂): a product of disjoint, commuting 2×2 rotations that touches two
/// columns per edge. A step costs O(d²) and X stays orthogonal up to rounding. A tall X ∈ St(n, k) is rotated on its
/// n rows instead (X ← exp(−ηΩ̂)ᵀ·X with Ω = skew(XGᵀ)), batched weights (…, n, k) share the step's matching.
/// With momentum β, each edge keeps a buffer m_ij ← β·m_ij + Ω̂_ij, updated when the edge is drawn, and rotates by it.
/// Float32 drift: every <see cref="DriftCheckEvery"/> steps max|XᵀX − I| is measured (<see cref="LastDrift"/>); past
/// <see cref="DriftThreshold"/> (default 1e-5 for float32, never for float64) the weight is re-orthonormalized by QR.
/// </summary>
public sealed class GivensFlow : IOrthogonalOptimizer
{
    readonly List<OrthogonalParameter> _params;
    readonly List<Matchings> _matchings;
    readonly double[][] _momentum;
    readonly SplitMix64 _rng;
    readonly double _beta;
    int[] _pairs = [];
    double[] _weights = [], _omega = [], _angles = [], _cos = [], _sin = [];

    /// <summary>Creates the flow.</summary>
    /// <param name="parameters">Orthogonal weights (…, n, k), n ≥ k ≥ 1, n ≥ 2, float32/float64, CPU, starting orthogonal.</param>
    /// <param name="lr">Learning rate η (&gt; 0).</param>
    /// <param name="matching">How edges are chosen.</param>
    /// <param name="momentum">β in [0, 1) (0: plain SGD flow).</param>
    /// <param name="graph">The user graph for <see cref="MatchingKind.Graph"/> and <see cref="MatchingKind.RandomGraph"/> (on d coordinates).</param>
    /// <param name="seed">Seed of the matching draws (and, combined, of the p_ij estimate of <see cref="MatchingKind.RandomGraph"/>).</param>
    public GivensFlow(IEnumerable<Parameter> parameters, double lr, MatchingKind matching = MatchingKind.UniformRandom,
        double momentum = 0, IReadOnlyList<(int I, int J)>? graph = null, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(lr > 0) || !double.IsFinite(lr)) throw new ArgumentOutOfRangeException(nameof(lr), lr, "the learning rate must be positive");
        if (!(momentum >= 0 && momentum < 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1)");
        _params = parameters.Select((p, i) => new OrthogonalParameter(p, i)).ToList();
        if (_params.Count == 0) throw new ArgumentException("no parameters to optimize", nameof(parameters));
        _matchings = _params.Select(p => new Matchings(p.D, matching, graph, estimateSeed: SplitMix64.Combine(seed, 17))).ToList();
        _beta = momentum;
        _momentum = _params.Select(p => momentum > 0 ? new double[(long)p.Batch * p.D * p.D] : []).ToArray();
        _rng = new SplitMix64((ulong)seed);
        LearningRate = lr;
        Matching = matching;
        DriftThreshold = _params.Any(p => p.Tensor.dtype == ScalarType.Float32) ? 1e-5 : double.PositiveInfinity;
    }

    /// <inheritdoc/>
    public string Name => "givens";
    /// <inheritdoc/>
    public long Steps { get; private set; }
    /// <inheritdoc/>
    public double LearningRate { get; set; }
    /// <summary>The matching kind.</summary>
    public MatchingKind Matching { get; }
    /// <summary>Re-orthonormalize when the measured drift max|XᵀX − I| exceeds this (default 1e-5 with float32 weights, +∞ otherwise).</summary>
    public double DriftThreshold { get; set; }
    /// <summary>Measure the drift every this many steps (0: never).</summary>
    public int DriftCheckEvery { get; set; } = 100;
    /// <summary>The last measured drift (NaN before the first check).</summary>
    public double LastDrift { get; private set; } = double.NaN;
    /// <summary>Number of QR re-orthonormalizations so far.</summary>
    public long Reorthonormalizations { get; private set; }

    /// <inheritdoc/>
    public void step()
    {
        using var scope = NewDisposeScope();
        using var ng = no_grad();
        for (int pi = 0; pi < _params.Count; pi++)
        {
            var p = _params[pi];
            var grad = p.Tensor.grad;
            if (grad is null) continue;
            if (!grad.shape.SequenceEqual(p.Tensor.shape)) throw new InvalidOperationException("a gradient has another shape than its parameter");
            var g = grad.contiguous();
            if (p.Tensor.dtype == ScalarType.Float64) StepParameter<double>(pi, p, g);
            else StepParameter<float>(pi, p, g);
        }
        Steps++;
        if (DriftCheckEvery > 0 && Steps % DriftCheckEvery == 0) CheckDrift();
    }

    void StepParameter<T>(int pi, OrthogonalParameter p, Tensor g) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int d = p.D, other = p.Other, m = d / 2;
        EnsureScratch(d);
        var x = MemoryMarshal.Cast<byte, T>(p.Tensor.bytes);
        var gs = MemoryMarshal.Cast<byte, T>(g.bytes);
        long size = (long)d * other;
        int count = 0;
        Tensor? fullOmega = null;
        if (Matching == MatchingKind.Greedy) fullOmega = DenseOmega(p, g).to_type(ScalarType.Float64).contiguous();
        else count = _matchings[pi].Draw(Steps, _rng, _pairs, _weights);
        for (int b = 0; b < p.Batch; b++)
        {
            var xb = x.Slice((int)(b * size), (int)size);
            var gb = gs.Slice((int)(b * size), (int)size);
            if (fullOmega is not null)
                count = _matchings[pi].Draw(Steps, _rng, _pairs, _weights, MemoryMarshal.Cast<byte, double>(fullOmega[b].contiguous().bytes));
            GivensKernel.OmegaEntries<T>(xb, gb, d, other, p.Columns, _pairs, count, _omega);
            var mom = _momentum[pi];
            for (int e = 0; e < count; e++)
            {
                double hat = _omega[e] * _weights[e];
                if (_beta > 0)
                {
                    long at = (long)b * d * d + (long)_pairs[2 * e] * d + _pairs[2 * e + 1];
                    hat = mom[at] = _beta * mom[at] + hat;
                }
                _angles[e] = -LearningRate * hat;
            }
            GivensKernel.Rotate<T>(xb, d, other, p.Columns, _pairs, count, _angles, _cos, _sin);
        }
        _ = m;
    }

    /// <summary>The full Ω per batch element (…, d, d): skew(XᵀG) for square, skew(XGᵀ) for tall weights.</summary>
    internal static Tensor DenseOmega(OrthogonalParameter p, Tensor g)
    {
        var x = p.Tensor.detach();
        var a = p.Columns ? matmul(x.transpose(-2, -1), g) : matmul(x, g.transpose(-2, -1));
        return ((a - a.transpose(-2, -1)) * 0.5).reshape(p.Batch, p.D, p.D);
    }

    void EnsureScratch(int d)
    {
        int m = Math.Max(1, d / 2);
        if (_weights.Length >= m) return;
        _pairs = new int[2 * m];
        _weights = new double[m];
        _omega = new double[m];
        _angles = new double[m];
        _cos = new double[m];
        _sin = new double[m];
    }

    void CheckDrift()
    {
        double worst = 0;
        foreach (var p in _params)
        {
            double drift = OrthogonalMaps.OrthogonalityError(p.Tensor.detach());
            worst = Math.Max(worst, drift);
            if (drift > DriftThreshold)
            {
                using var scope = NewDisposeScope();
                using var ng = no_grad();
                var (q, r) = linalg.qr(p.Tensor.detach());
                var sign = r.diagonal(0, -2, -1).sign();
                sign = where(sign == 0, ones_like(sign), sign);
                p.Tensor.copy_(q * sign.unsqueeze(-2));
                Reorthonormalizations++;
            }
        }
        LastDrift = worst;
    }

    /// <inheritdoc/>
    public void zero_grad()
    {
        foreach (var p in _params) p.Tensor.grad?.zero_();
    }

    /// <summary>The optimizer's state for a checkpoint (save the weights beside it).</summary>
    public GivensFlowState GetState() => new(Steps, _rng.State, _momentum.Select(m => m.ToArray()).ToArray(), Reorthonormalizations, LastDrift);

    /// <summary>Restores a state from <see cref="GetState"/> (same parameters, same shapes).</summary>
    public void SetState(GivensFlowState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Momentum.Length != _momentum.Length || state.Momentum.Where((m, i) => m.Length != _momentum[i].Length).Any())
            throw new ArgumentException("the state belongs to an optimizer with other parameters or momentum", nameof(state));
        Steps = state.Steps;
        _rng.State = state.RngState;
        for (int i = 0; i < _momentum.Length; i++) state.Momentum[i].CopyTo(_momentum[i], 0);
        Reorthonormalizations = state.Reorthonormalizations;
        LastDrift = state.LastDrift;
    }

    /// <inheritdoc/>
    public void Dispose() { }
}
