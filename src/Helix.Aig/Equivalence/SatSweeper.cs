using Helix.Core;
using System.Diagnostics;
using Helix.Aig.Sat;
using Helix.Aig.Simulation;

namespace Helix.Aig.Equivalence;

/// <summary>
/// SAT sweeping (fraiging): rebuilds a network node by node in topological order, and merges each node into an
/// earlier one with the same simulation signature once SAT proves them equal. Counterexamples refine the
/// candidate classes by resimulation. Latch outputs are treated as free inputs (combinational sweep).
/// </summary>
internal sealed class SatSweeper
{
    readonly Aignet _g;
    readonly FraigOptions _opt;
    readonly SweepCounters _stats;
    readonly IProgress<SweepProgress>? _progress;
    readonly int _round;
    readonly CancellationToken _cancel;
    readonly Aignet _r = new();
    readonly int[] _map;            // node of _g -> literal of _r
    readonly ulong[] _hash;         // signature hash per node of _g (phase-normalized)
    readonly ulong[] _phase;        // all-ones where the node's first pattern is 1
    SignatureTable _heads = null!;
    int[] _candidates = Array.Empty<int>();   // nodes sharing their initial signature with another node, ascending
    bool[] _isCandidate = Array.Empty<bool>();
    readonly SimulationPatterns _cexSim;
    SplitMix64 _rng;
    // Incremental SAT over _r, loaded lazily cone by cone.
    CdclSolver _solver = null!;
    int[] _satVar = Array.Empty<int>();
    int _callsSinceRecycle;
    readonly Stack<int> _loadStack = new();
    readonly SatLit[] _assume = new SatLit[2];

    public Aignet Result => _r;

    /// <summary>A sweeper of <paramref name="g"/>; counters go to <paramref name="counters"/>. Pre: options validated.</summary>
    public SatSweeper(Aignet g, FraigOptions options, SweepCounters counters, IProgress<SweepProgress>? progress, int round, CancellationToken cancel)
    {
        _g = g; _opt = options; _stats = counters; _progress = progress; _round = round; _cancel = cancel;
        int n = g.NodeCount;
        _map = new int[n];
        _hash = new ulong[n];
        _phase = new ulong[n];
        _rng = new SplitMix64(options.Seed ^ 0x5EED);
        _cexSim = new SimulationPatterns(n, 1);
        _r.Reserve(n);
        NewSolver();
    }

    /// <summary>The literal of <paramref name="l"/> (a literal of the input network) in the result.</summary>
    public AigLit Map(AigLit l) => new(_map[l.Id] ^ (l.Value & 1));

    /// <summary>
    /// Sweeps every node. Post: <see cref="Result"/> computes the same function at every mapped node; on
    /// cancellation it returns early with the nodes after the current one unmapped.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Run()
    {
        InitialSimulation();
        var g = _g;
        int n = g.NodeCount;
        var kind = g.KindSpan; var f0 = g.Fanin0Span; var f1 = g.Fanin1Span;
        _heads.TryAdd(_hash[0], 0);
        for (int id = 1; id < n; id++)
        {
            _current = id;
            switch ((AigNodeKind)kind[id])
            {
                case AigNodeKind.Input: _map[id] = _r.AddInput(g.InputNames[g.CiIndex(id)]).Value; break;
                case AigNodeKind.Latch:
                    int li = g.CiIndex(id);
                    _map[id] = _r.AddLatch(g.LatchNames[li], g.LatchReset(li)).Value;
                    break;
                default:
                    int a = _map[f0[id] >> 1] ^ (f0[id] & 1), b = _map[f1[id] >> 1] ^ (f1[id] & 1);
                    _map[id] = _r.And(new AigLit(a), new AigLit(b)).Value;
                    if (_isCandidate[id]) TryMerge(id);
                    break;
            }
            if (_isCandidate[id]) _heads.TryAdd(_hash[id], id);
            if ((id & 1023) == 0)
            {
                _progress?.Report(new SweepProgress(id, n, _stats.Merged, _round));
                if (_cancel.IsCancellationRequested) return;
            }
        }
        _progress?.Report(new SweepProgress(n, n, _stats.Merged, _round));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    void TryMerge(int id)
    {
        while (_heads.TryGet(_hash[id], out int head))
        {
            bool flip = ((_phase[id] ^ _phase[head]) & 1) != 0;
            var target = new AigLit(_map[head] ^ (flip ? 1 : 0));
            var mine = new AigLit(_map[id]);
            if (target == mine) return;
            var r = ProveEqual(mine, target, _opt.ConflictLimit);
            if (r == SatResult.Unsatisfiable) { _map[id] = target.Value; _stats.Merged++; return; }
            if (r == SatResult.Unknown) return;
            // The counterexample separates this pair; refined classes may offer another candidate.
            Resimulate();
        }
    }

    /// <summary>
    /// Proves two result literals equal: unsatisfiable means equal; satisfiable leaves the distinguishing input
    /// vector in the solver's model (read it with <see cref="CounterexampleInputs"/>).
    /// </summary>
    public SatResult ProveEqual(AigLit x, AigLit y, long conflictLimit)
    {
        if (x == y) return SatResult.Unsatisfiable;
        if (x == !y) { _lastModelFromSolver = false; return SatResult.Satisfiable; }
        if (++_callsSinceRecycle > _opt.SolverRecycle && _solver.VarCount > _opt.SolverMaxVars) NewSolver();
        _stats.SatCalls++;
        long t0 = Stopwatch.GetTimestamp();
        try { return Query(x, y, conflictLimit); }
        finally { _stats.SatTicks += Stopwatch.GetTimestamp() - t0; }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    SatResult Query(AigLit x, AigLit y, long conflictLimit)
    {
        var sx = Load(x); var sy = Load(y);
        // Only a solver far past its recycling size carries enough stale history to mislead the search (hyp: 300k
        // variables); on small ones the bias costs more than it saves.
        if (_opt.ConeBias > 0 && _solver.VarCount > 4 * _opt.SolverMaxVars) BiasCone(x.Id, y.Id);
        for (int dir = 0; dir < 2; dir++)
        {
            _assume[0] = dir == 0 ? sx : !sx;
            _assume[1] = dir == 0 ? !sy : sy;
            long c0 = _solver.Conflicts;
            var res = _solver.Solve(_assume, conflictLimit, _cancel);
            _stats.Conflicts += _solver.Conflicts - c0;
            if (res == SatResult.Unknown) { _stats.Undecided++; return res; }
            if (res == SatResult.Satisfiable) { _stats.Disproved++; _lastModelFromSolver = true; return res; }
        }
        _stats.Proved++;
        return SatResult.Unsatisfiable;
    }

    bool _lastModelFromSolver;
    readonly Queue<(int Node, int Depth)> _biasQueue = new();
    readonly HashSet<int> _biasSeen = new();

    /// <summary>
    /// Boosts the decision activities of the nodes nearest the two roots (breadth first, at most ConeBias of them),
    /// the closest most, so the search starts where the pair differs. A long-used incremental solver otherwise
    /// branches on the variables of the last queries' cones: on EPFL hyp (300k loaded variables) it then ran over
    /// 1,000 conflicts on pairs a fresh solver proves in 4, and every such failure left the nodes above unmerged.
    /// </summary>
    void BiasCone(int x, int y)
    {
        var q = _biasQueue; var seen = _biasSeen;
        q.Clear(); seen.Clear();
        q.Enqueue((x, 0)); q.Enqueue((y, 0)); seen.Add(x); seen.Add(y);
        int budget = _opt.ConeBias;
        while (q.Count > 0 && budget-- > 0)
        {
            var (id, d) = q.Dequeue();
            int v = id < _satVar.Length ? _satVar[id] : -1;
            if (v >= 0) _solver.BoostActivity(v, 1.0 + 1.0 / (1 + d));
            if (_r.Kind(id) != AigNodeKind.And) continue;
            int a = _r.Fanin0(id).Id, b = _r.Fanin1(id).Id;
            if (seen.Add(a)) q.Enqueue((a, d + 1));
            if (seen.Add(b)) q.Enqueue((b, d + 1));
        }
    }

    /// <summary>The input and latch values (inputs first) of the last satisfiable query; unloaded ones are random.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool[] CounterexampleInputs()
    {
        int ni = _r.InputCount, nl = _r.LatchCount;
        var cex = new bool[ni + nl];
        for (int k = 0; k < ni + nl; k++)
        {
            int node = k < ni ? _r.Input(k).Id : _r.Latch(k - ni).Id;
            int v = node < _satVar.Length ? _satVar[node] : -1;
            cex[k] = _lastModelFromSolver && v >= 0 ? _solver.ModelValue(v) : (_rng.NextUInt64() & 1) != 0;
        }
        return cex;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    SatLit Load(AigLit l)
    {
        if (_satVar.Length < _r.NodeCount)
        {
            int old = _satVar.Length;
            Array.Resize(ref _satVar, Math.Max(_r.NodeCount, old * 2));
            Array.Fill(_satVar, -1, old, _satVar.Length - old);
        }
        int root = l.Id;
        if (_satVar[root] < 0)
        {
            var st = _loadStack;
            st.Push(root);
            while (st.Count > 0)
            {
                int id = st.Peek();
                if (_satVar[id] >= 0) { st.Pop(); continue; }
                var k = _r.Kind(id);
                if (k != AigNodeKind.And)
                {
                    int v = _solver.NewVar();
                    _satVar[id] = v;
                    if (id == 0) _solver.AddClause(SatLit.Of(v, true));
                    st.Pop();
                    continue;
                }
                int a = _r.Fanin0(id).Id, b = _r.Fanin1(id).Id;
                if (_satVar[a] < 0) { st.Push(a); continue; }
                if (_satVar[b] < 0) { st.Push(b); continue; }
                st.Pop();
                int vo = _solver.NewVar();
                _satVar[id] = vo;
                var o = SatLit.Of(vo);
                var la = SatLit.Of(_satVar[a], _r.Fanin0(id).IsNegated);
                var lb = SatLit.Of(_satVar[b], _r.Fanin1(id).IsNegated);
                _solver.AddClause(!o, la);
                _solver.AddClause(!o, lb);
                _solver.AddClause(o, !la, !lb);
            }
        }
        return SatLit.Of(_satVar[root], l.IsNegated);
    }

    void NewSolver()
    {
        // Incremental, under assumptions: no elimination and no walks (both only run without assumptions).
        _solver = new CdclSolver(new SolverOptions { Eliminate = false, Walk = false });
        Array.Fill(_satVar, -1);
        _callsSinceRecycle = 0;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    void InitialSimulation()
    {
        long t0 = Stopwatch.GetTimestamp();
        var sim = AigSimulator.Random(_g, _opt.SimulationWords, _opt.Seed);
        int words = sim.Words;
        var v = sim.Values;
        for (int id = 0; id < _g.NodeCount; id++)
        {
            ulong phase = (v[id * words] & 1) != 0 ? ~0UL : 0UL;
            _phase[id] = phase;
            ulong h = 0x243F6A8885A308D3UL;
            for (int w = 0; w < words; w++) h = Mix(h, v[id * words + w] ^ phase);
            _hash[id] = h;
        }
        // Only nodes whose signature is shared can ever merge: refinement splits classes, never joins them.
        var count = new Dictionary<ulong, int>();
        for (int id = 0; id < _g.NodeCount; id++) count[_hash[id]] = count.GetValueOrDefault(_hash[id]) + 1;
        _isCandidate = new bool[_g.NodeCount];
        var list = new List<int>();
        for (int id = 0; id < _g.NodeCount; id++)
            if (count[_hash[id]] > 1) { _isCandidate[id] = true; list.Add(id); }
        _isCandidate[0] = true;
        if (list.Count == 0 || list[0] != 0) list.Insert(0, 0);
        _candidates = list.ToArray();
        _heads = new SignatureTable(_candidates.Length);
        _stats.SimulationTicks += Stopwatch.GetTimestamp() - t0;
    }

    /// <summary>
    /// Simulates the last counterexample and 63 neighbours (one input flipped each) on the input network, folds
    /// the word into every signature, and rebuilds the class heads of the nodes swept so far.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    void Resimulate()
    {
        _stats.Resimulations++;
        long t0 = Stopwatch.GetTimestamp();
        var cex = CounterexampleInputs();
        int ni = _g.InputCount, nl = _g.LatchCount, total = ni + nl;
        for (int k = 0; k < total; k++)
        {
            int node = k < ni ? _g.Input(k).Id : _g.Latch(k - ni).Id;
            _cexSim.Values[node] = cex[k] ? ~0UL : 0UL;
        }
        if (total > 0)
            for (int bit = 1; bit < 64; bit++)
            {
                int k = (int)(_rng.NextUInt64() % (ulong)total);
                int node = k < ni ? _g.Input(k).Id : _g.Latch(k - ni).Id;
                _cexSim.Values[node] ^= 1UL << bit;
            }
        AigSimulator.Propagate(_g, _cexSim);
        var v = _cexSim.Values;
        foreach (int id in _candidates) _hash[id] = Mix(_hash[id], v[id] ^ _phase[id]);
        _heads.Clear();
        // Heads only matter among nodes already swept (smaller ids); later ones register as they are swept.
        foreach (int id in _candidates)
        {
            if (id >= _current) break;
            _heads.TryAdd(_hash[id], id);
        }
        _stats.SimulationTicks += Stopwatch.GetTimestamp() - t0;
    }

    int _current; // the node being swept

    static ulong Mix(ulong h, ulong x)
    {
        h ^= x + 0x9E3779B97F4A7C15UL + (h << 6) + (h >> 2);
        h *= 0xBF58476D1CE4E5B9UL;
        return h ^ (h >> 31);
    }
}
