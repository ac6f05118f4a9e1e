using Helix.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Slim;

/// <summary>
/// One SLiM step (the worker behind <see cref="SlimTraining"/>).
/// Pre: C ≥ 1, the batch is valid and has ≥ 1 target token, the model keeps the <see cref="ISliceableCausalModel"/> contract.
/// Post: returns the batch's mean loss; every parameter's .grad has gained exactly the full pass's gradient (up to
/// rounding); torch's generator has moved on deterministically when the model is stochastic.
/// Memory: one slice's graph at a time, plus per layer one state, the gradient flowing into it, and (Store mode only)
/// the starting states of every slice. Every tensor a slice creates is freed when the slice ends (no garbage
/// collection needed; tested by counting live tensors), and the C heap is trimmed between slices once it has grown
/// (<see cref="SliceTrim"/>).
/// </summary>
internal sealed class SlimPass
{
    readonly ISliceableCausalModel _model;
    readonly CausalLmBatch _batch;
    readonly SlimOptions _options;
    readonly long _targets;        // loss normalizer: target tokens in the whole batch
    readonly int _depth;
    readonly long _chunk;
    readonly int _slices;
    readonly bool _replay;         // replay each slice's random draws in the reverse pass
    long _seedBase;

    // Slice-indexed starting states kept by the forward pass (Store mode only); [k][layer] = state, null for k = 0.
    readonly List<Tensor[]?[]> _stored = new();

    public SlimPass(ISliceableCausalModel model, CausalLmBatch batch, SlimOptions options, long targets)
    {
        _model = model;
        _batch = batch;
        _options = options;
        _targets = targets;
        _depth = model.Depth;
        long length = batch.Length;
        _chunk = Math.Min(options.ChunkSize, length);
        _slices = checked((int)((length + _chunk - 1) / _chunk));
        _replay = model.IsStochastic;
    }

    public SlimStats Run()
    {
        long seedAfter = 0;
        if (_replay)
        {
            using var seeds = torch.randint(0, long.MaxValue, new long[] { 2 }, dtype: ScalarType.Int64);
            var drawn = seeds.data<long>().ToArray();
            _seedBase = _options.DropoutSeed ?? drawn[0];
            seedAfter = drawn[1];
        }
        Tensor[]?[] lastStarts = new Tensor[]?[_depth];
        try
        {
            ForwardPass(lastStarts);
            var (loss, correct, drift) = ReversePass(lastStarts);
            return new SlimStats(loss, correct, _targets, _slices, drift);
        }
        finally
        {
            DisposeAll(lastStarts);
            foreach (var s in _stored) DisposeAll(s);
            _stored.Clear();
            if (_replay) torch.manual_seed(seedAfter);
        }
    }

    /// <summary>Loss and accuracy without gradients, slice by slice in O(C) memory (evaluation; no random replay).</summary>
    public SlimStats Evaluate()
    {
        using var noGrad = torch.no_grad();
        var states = new Tensor[]?[_depth];
        double loss = 0;
        long correct = 0;
        try
        {
            for (int k = 0; k < _slices; k++)
            {
                if (k > 0) SliceTrim();
                using var scope = torch.NewDisposeScope();
                var (start, tokens, targets, mask) = Slice(k);
                var x = _model.Embed(tokens, start);
                for (int l = 0; l < _depth; l++)
                {
                    (x, var next) = _model.ForwardSlice(l, x, start, states[l], mask);
                    var kept = Keep(next);
                    DisposeAll(states[l]);
                    states[l] = kept;
                }
                var logits = _model.Head(x);
                loss += CausalLmLoss.SumOver(logits, targets, _targets).ToDouble();
                correct += CausalLmLoss.Correct(logits, targets);
            }
        }
        finally
        {
            DisposeAll(states);
        }
        return new SlimStats(loss, correct, _targets, _slices, 0);
    }

    /// <summary>
    /// No graph: runs slices 0 … S−2 through every layer, keeping only each layer's state after the slice, i.e. the
    /// exact starting states of the last slice (the last slice itself needs no forward pass here).
    /// </summary>
    void ForwardPass(Tensor[]?[] states)
    {
        using var noGrad = torch.no_grad();
        for (int k = 0; k < _slices - 1; k++)
        {
            if (_options.Recovery == StateRecovery.Store) _stored.Add(k == 0 ? new Tensor[]?[_depth] : (Tensor[]?[])states.Clone());
            if (k > 0) SliceTrim();
            using var scope = torch.NewDisposeScope();
            if (_replay) torch.manual_seed(SliceSeed(k));
            var (start, tokens, _, mask) = Slice(k);
            var x = _model.Embed(tokens, start);
            for (int l = 0; l < _depth; l++)
            {
                Tensor[] next;
                if (l < _depth - 1)
                {
                    (x, next) = _model.ForwardSlice(l, x, start, states[l], mask);
                }
                else
                {
                    // The last layer's output is not needed here, only its state.
                    var add = _model.SliceContribution(l, x, start, mask);
                    next = states[l] is { } s ? s.Zip(add, (a, b) => a + b).ToArray() : add;
                }
                var kept = Keep(next);
                if (_options.Recovery != StateRecovery.Store) DisposeAll(states[l]);
                states[l] = kept;
            }
        }
    }

    /// <summary>
    /// Slices in reverse: rebuild the starting states, recompute the slice with a graph from starting states that
    /// require grad, backward the slice's loss plus Σ ⟨gradient from later slices, end state⟩, pass the starting
    /// states' gradients on. Parameter gradients accumulate in .grad.
    /// Pre: <paramref name="lastStarts"/> holds the exact starting states of the last slice (null per layer when S = 1).
    /// Post: every tensor this pass kept across slices is disposed, on success or on an exception.
    /// </summary>
    (double Loss, long Correct, double Drift) ReversePass(Tensor[]?[] lastStarts)
    {
        var carry = new ReverseCarry(lastStarts, new Tensor[]?[_depth], MaxAbs(lastStarts));
        double loss = 0, drift = 0;
        long correct = 0;
        try
        {
            for (int k = _slices - 1; k >= 0; k--)
            {
                SliceTrim();   // the previous slice's (or the forward pass's) freed pages; see NativeHeap
                using var scope = torch.NewDisposeScope();
                if (_replay) torch.manual_seed(SliceSeed(k));
                var (sliceLoss, sliceCorrect, sliceDrift, starts) = BackwardSlice(k, carry);
                loss += sliceLoss;
                correct += sliceCorrect;
                drift = Math.Max(drift, sliceDrift);
                carry = carry.HandOff(k > 0 ? starts : null, _options.Recovery == StateRecovery.Subtract);
            }
        }
        finally
        {
            carry.Dispose();
        }
        return (loss, correct, drift);
    }

    /// <summary>
    /// Slice <paramref name="k"/> of the reverse pass, inside the caller's dispose scope: its starting states (as
    /// leaves that require grad; none for slice 0), its graph, and one backward of its loss plus the later slices'
    /// gradient flowing into its end states. Returns the slice's loss sum, correct count, drift (slice 0 only) and starts.
    /// </summary>
    (double Loss, long Correct, double Drift, Tensor[]?[] Starts) BackwardSlice(int k, ReverseCarry carry)
    {
        var (start, tokens, targets, mask) = Slice(k);
        var starts = new Tensor[]?[_depth];
        var ends = new Tensor[_depth][];
        double drift = 0;
        var x = _model.Embed(tokens, start);
        for (int l = 0; l < _depth; l++)
        {
            if (k > 0) starts[l] = StartState(k, l, x, start, mask, carry.Current[l]!);
            else drift = Math.Max(drift, FirstSliceDrift(l, x, start, mask, carry));
            (x, ends[l]) = _model.ForwardSlice(l, x, start, starts[l], mask);
        }
        var logits = _model.Head(x);
        var sliceLoss = CausalLmLoss.SumOver(logits, targets, _targets);
        long correct = CausalLmLoss.Correct(logits, targets);
        var total = sliceLoss;
        for (int l = 0; l < _depth; l++)
            if (carry.GradEnd[l] is { } g)
                for (int i = 0; i < g.Length; i++)
                    total = total + (g[i] * ends[l][i]).sum();
        total.backward();
        return (sliceLoss.ToDouble(), correct, drift, starts);
    }

    /// <summary>
    /// Layer <paramref name="layer"/>'s state before slice <paramref name="k"/> ≥ 1, as a leaf that requires grad: for
    /// the last slice the forward pass's exact state, otherwise the stored state or the end state minus the slice's contribution.
    /// </summary>
    Tensor[] StartState(int k, int layer, Tensor x, long start, Tensor? mask, Tensor[] endState)
    {
        Tensor[] s;
        if (k == _slices - 1 || _options.Recovery == StateRecovery.Store)
        {
            s = (k == _slices - 1 ? endState : _stored[k][layer]!).Select(t => t.detach()).ToArray();
        }
        else
        {
            using var noGrad = torch.no_grad();
            s = Subtract(endState, _model.SliceContribution(layer, x, start, mask));
        }
        foreach (var t in s) t.requires_grad_(true);
        return s;
    }

    /// <summary>
    /// Slice 0 starts from zero: rebuilding its state by subtraction leaves only the accumulated round-off, returned
    /// relative to the largest state seen (0 when nothing was subtracted).
    /// </summary>
    double FirstSliceDrift(int layer, Tensor x, long start, Tensor? mask, ReverseCarry carry)
    {
        if (_options.Recovery != StateRecovery.Subtract || _slices == 1 || carry.Scale <= 0) return 0;
        using var noGrad = torch.no_grad();
        var rebuilt = Subtract(carry.Current[layer]!, _model.SliceContribution(layer, x, start, mask));
        return MaxAbs(rebuilt) / carry.Scale;
    }

    /// <summary>
    /// What the reverse pass carries from slice k to slice k − 1: the end states of slice k − 1 (<see cref="Current"/>,
    /// borrowed from the forward pass for the last slice, owned afterwards) and the gradient flowing into them.
    /// </summary>
    sealed class ReverseCarry(Tensor[]?[] current, Tensor[]?[] gradEnd, double scale, bool ownsCurrent = false) : IDisposable
    {
        public Tensor[]?[] Current { get; } = current;
        public Tensor[]?[] GradEnd { get; } = gradEnd;
        /// <summary>Largest |state| of the forward pass (the drift's denominator).</summary>
        public double Scale { get; } = scale;

        /// <summary>
        /// The carry for the slice before: the starting states' gradients and (Subtract mode) the starting states
        /// themselves, copied out of the slice's scope; null <paramref name="starts"/> (slice 0) carries nothing.
        /// Disposes this carry.
        /// </summary>
        public ReverseCarry HandOff(Tensor[]?[]? starts, bool keepStates)
        {
            int depth = Current.Length;
            var grads = new Tensor[]?[depth];
            var states = new Tensor[]?[depth];
            if (starts is not null)
                for (int l = 0; l < depth; l++)
                {
                    grads[l] = Keep(starts[l]!.Select(s => s.grad ?? torch.zeros_like(s)).ToArray());
                    if (keepStates) states[l] = Keep(starts[l]!.Select(s => s.detach()).ToArray());
                }
            Dispose();
            return new ReverseCarry(states, grads, Scale, ownsCurrent: true);
        }

        public void Dispose()
        {
            DisposeAll(GradEnd);
            if (ownsCurrent) DisposeAll(Current);
        }
    }

    (long Start, Tensor Tokens, Tensor Targets, Tensor? Mask) Slice(int k)
    {
        long start = k * _chunk, len = Math.Min(_chunk, _batch.Length - start);
        return (start, _batch.Inputs.narrow(1, start, len), _batch.Targets.narrow(1, start, len),
            _batch.KeyPaddingMask?.narrow(1, start, len));
    }

    /// <summary>Resident growth (bytes) allowed between slices before the heap is trimmed (see <see cref="SliceTrim"/>).</summary>
    const long TrimSlack = 64L << 20;
    long _residentMark = NativeHeap.ResidentBytes();

    /// <summary>
    /// Trims the C heap between slices once the resident size has grown by <see cref="TrimSlack"/> since the last trim,
    /// not after every slice: a trim releases the pages the next slice would reuse, and faulting them back in cost
    /// about 25 ms per 256-token slice (chunked:256 at 1.55× full mode's time at L = 4096, 1.19× with this rule), while
    /// the resident size stays flat in L.
    /// </summary>
    void SliceTrim() => NativeHeap.TrimIfGrown(ref _residentMark, TrimSlack);

    long SliceSeed(int k) => SplitMix64.Combine(_seedBase, k);

    static Tensor[] Subtract(Tensor[] a, Tensor[] b) => a.Zip(b, (x, y) => x - y).ToArray();

    /// <summary>Copies a state out of the slice's dispose scope (a copy, so it does not pin a larger buffer it is a view of).</summary>
    static Tensor[] Keep(Tensor[] state) => state.Select(t => t.detach().clone().DetachFromDisposeScope()).ToArray();

    static double MaxAbs(Tensor[]?[] states)
    {
        double m = 0;
        foreach (var s in states) if (s is not null) m = Math.Max(m, MaxAbs(s));
        return m;
    }

    static double MaxAbs(Tensor[] state)
    {
        double m = 0;
        foreach (var t in state)
        {
            using var a = t.detach().abs().max();
            m = Math.Max(m, a.ToDouble());
        }
        return m;
    }

    static void DisposeAll(Tensor[]? state)
    {
        if (state is null) return;
        foreach (var t in state) t.Dispose();
    }

    static void DisposeAll(Tensor[]?[] states)
    {
        for (int i = 0; i < states.Length; i++) { DisposeAll(states[i]); states[i] = null; }
    }
}
