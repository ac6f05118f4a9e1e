using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Helix.Core;

namespace Helix.Aig.Sat;

/// <summary>
/// A conflict-driven clause-learning SAT solver after MiniSat and Glucose: two watched literals with blockers,
/// first-UIP learning with recursive minimization, EVSIDS (<see cref="VarHeap"/>), phase saving, Luby and/or
/// Glucose restarts, LBD-based learnt-clause reduction with vivification of the kept learnt clauses, and
/// incremental solving under assumptions. Clauses live in a <see cref="ClauseArena"/>. Every model is checked
/// against the original clauses before <see cref="Solve"/> reports <see cref="SatResult.Satisfiable"/>.
/// </summary>
public sealed class CdclSolver
{
    struct Watcher { public int Cref, Blocker; public Watcher(int c, int b) { Cref = c; Blocker = b; } }

    const int Header = ClauseArena.Header;
    const int NoReason = -1;
    const long FirstWalkTicks = 1_500_000; // the first walk's budget: 600 ticks (about 20 flips on 3-SAT) per clause, at most this

    readonly SolverOptions _opt;
    // --- per variable / literal state ---
    int _nVars;
    sbyte[] _val = new sbyte[2];          // per literal: 1 true, -1 false, 0 unassigned
    int[] _level = new int[1];
    int[] _reason = new int[1];
    byte[] _phase = new byte[1];          // saved phase: 1 = last value false
    byte[] _seen = new byte[1];
    Watcher[][] _watches = new Watcher[2][];
    int[] _watchCount = new int[2];
    readonly VarHeap _order = new();      // decision order by activity
    // --- trail ---
    int[] _trail = new int[1];
    int _trailSize, _qhead;
    int[] _trailLim = new int[8];
    int _levels;
    // --- clause database ---
    ClauseArena _ca = new();
    readonly List<int> _problem = new();
    readonly List<int> _learnts = new();
    readonly List<int> _original = new();  // every added clause verbatim, -1 terminated, for model checks
    // --- search parameters ---
    double _varInc = 1, _claInc = 1;
    long _nextReduce;
    int _reduceCount;
    bool _vivifyDue;
    bool _ok = true;
    // --- restarts (Glucose: recent LBDs against the global average; recent trail sizes block restarts) ---
    readonly BoundedQueue _lbdQueue = new(50);
    readonly BoundedQueue _trailQueue = new(5000);
    double _sumLbd;
    long _lubyRound;
    bool _glucosePhase = true;
    long _nextModeSwitch;
    long _modeLength = 2000;
    // --- counters (see Stats) ---
    long _solves, _decisions, _propagations, _conflicts, _restarts, _reductions, _minimized, _vivified, _vivifiedLits;
    // --- scratch for analysis (named after their users) ---
    readonly List<int> _analyzeLearnt = new();
    readonly List<int> _analyzeStack = new();
    readonly List<int> _analyzeToClear = new();
    readonly List<int> _addClauseLits = new();
    int[] _levelStamp = new int[8];
    int _stamp;
    bool[]? _model;
    readonly List<SatLit> _failed = new();
    // --- bounded variable elimination (see Eliminator): done at most once, at a first solve without assumptions ---
    bool[] _eliminated = new bool[1];
    readonly List<int> _elimStack = new();  // the eliminated variables' clauses, pivot first, for model extension
    long _eliminatedVars, _restoredVars;
    // --- local-search rephasing (see Walker) ---
    long _nextWalk, _walkCount, _walkPropagations, _walkFlips, _walkModels;

    /// <summary>A solver with no variables, configured by <paramref name="options"/> (validated here).</summary>
    public CdclSolver(SolverOptions? options = null)
    {
        _opt = (options ?? new SolverOptions()).Validate();
        _watches[0] = Array.Empty<Watcher>(); _watches[1] = Array.Empty<Watcher>();
        _nextReduce = _opt.FirstReduce;
        _nextModeSwitch = _modeLength;
        _glucosePhase = _opt.Restarts != RestartPolicy.Luby;
    }

    /// <summary>Counters since construction (a snapshot).</summary>
    public SolverStats Stats => new()
    {
        Solves = _solves, Decisions = _decisions, Propagations = _propagations, Conflicts = _conflicts, Restarts = _restarts,
        Reductions = _reductions, MinimizedLiterals = _minimized, VivifiedClauses = _vivified, VivifiedLiterals = _vivifiedLits,
        EliminatedVariables = _eliminatedVars, RestoredVariables = _restoredVars,
        Walks = _walkCount, WalkFlips = _walkFlips, WalkModels = _walkModels,
    };
    /// <summary>Conflicts since construction (cheaper than <see cref="Stats"/>).</summary>
    public long Conflicts => _conflicts;
    /// <summary>Number of variables.</summary>
    public int VarCount => _nVars;
    /// <summary>Problem clauses currently stored (after level-0 simplification).</summary>
    public int ClauseCount => _problem.Count;
    /// <summary>Learnt clauses currently kept.</summary>
    public int LearntCount => _learnts.Count;
    /// <summary>False once the clauses are unsatisfiable without assumptions.</summary>
    public bool IsOkay => _ok;
    /// <summary>After an unsatisfiable answer under assumptions: the assumptions that caused it.</summary>
    public IReadOnlyList<SatLit> FailedAssumptions => _failed;

    /// <summary>Adds a variable and returns it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int NewVar()
    {
        int v = _nVars++;
        if (_nVars > _level.Length) Grow(Math.Max(_nVars, _level.Length * 2));
        _level[v] = 0; _reason[v] = NoReason; _phase[v] = 1; _seen[v] = 0;
        _val[2 * v] = 0; _val[2 * v + 1] = 0;
        _watches[2 * v] = Array.Empty<Watcher>(); _watches[2 * v + 1] = Array.Empty<Watcher>();
        _watchCount[2 * v] = 0; _watchCount[2 * v + 1] = 0;
        _order.AddVar(v);
        return v;
    }

    /// <summary>
    /// Raises the decision activity of <paramref name="var"/> by <paramref name="weight"/> bumps, so that the next
    /// search branches on it early (SAT sweeping biases each query toward its own cone this way, after ABC's
    /// cone-biased activities: a long-used incremental solver otherwise branches on the last queries' variables).
    /// </summary>
    public void BoostActivity(int var, double weight)
    {
        if ((uint)var >= (uint)_nVars || weight <= 0) return;
        double inc = _varInc * weight, before = inc;
        _order.Bump(var, ref inc, _nVars);
        if (inc != before) _varInc *= 1e-100; // the heap rescaled every activity
    }

    /// <summary>Makes sure variables 0..<paramref name="count"/>-1 exist.</summary>
    public void EnsureVars(int count) { while (_nVars < count) NewVar(); }

    void Grow(int n)
    {
        Array.Resize(ref _val, 2 * n); Array.Resize(ref _level, n); Array.Resize(ref _reason, n);
        Array.Resize(ref _phase, n); Array.Resize(ref _seen, n); Array.Resize(ref _eliminated, n);
        Array.Resize(ref _watches, 2 * n); Array.Resize(ref _watchCount, 2 * n);
        Array.Resize(ref _trail, n);
        _order.Grow(n);
    }

    /// <summary>The value of variable <paramref name="var"/> in the last model.</summary>
    public bool ModelValue(int var) => _model != null && var < _model.Length ? _model[var] : throw new InvalidOperationException("no model: the last answer was not satisfiable");
    /// <summary>The value of literal <paramref name="lit"/> in the last model.</summary>
    public bool ModelValue(SatLit lit) => ModelValue(lit.Var) ^ lit.IsNegated;
    /// <summary>The last model, indexed by variable (null unless the last answer was satisfiable).</summary>
    public IReadOnlyList<bool>? Model => _model;

    /// <summary>
    /// Adds a clause (variables are created as needed). Pre: called between solves. Returns false when the clause
    /// set became unsatisfiable at level 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool AddClause(ReadOnlySpan<SatLit> clause)
    {
        foreach (var l in clause) { _original.Add(l.Value); if (l.Var >= _nVars) EnsureVars(l.Var + 1); }
        _original.Add(-1);
        if (!_ok) return false;
        if (_elimStack.Count > 0) foreach (var l in clause) if (_eliminated[l.Var]) Restore(l.Var);
        return AddClauseCore(System.Runtime.InteropServices.MemoryMarshal.Cast<SatLit, int>(clause));
    }

    /// <summary>Adds a clause over existing, not eliminated variables (not recorded for model checks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool AddClauseCore(ReadOnlySpan<int> clause)
    {
        if (!_ok) return false;
        CancelUntil(0);
        var lits = _addClauseLits; lits.Clear();
        foreach (var l in clause) lits.Add(l);
        lits.Sort();
        int j = 0, prev = -1;
        for (int i = 0; i < lits.Count; i++)
        {
            int p = lits[i];
            if (_val[p] == 1 || p == (prev ^ 1)) return true; // satisfied or tautology
            if (_val[p] == -1 || p == prev) continue;
            lits[j++] = prev = p;
        }
        lits.RemoveRange(j, lits.Count - j);
        if (j == 0) return _ok = false;
        if (j == 1)
        {
            Enqueue(lits[0], NoReason);
            return _ok = Propagate() == NoReason;
        }
        int cr = _ca.Alloc(lits, learnt: false, lbd: 0);
        _problem.Add(cr);
        Attach(cr);
        return true;
    }

    /// <summary>Adds a clause given as parameters.</summary>
    public bool AddClause(params SatLit[] clause) => AddClause(clause.AsSpan());

    /// <summary>
    /// Solves under <paramref name="assumptions"/> with an optional conflict budget (negative: none) and
    /// cancellation (checked every 1024 decisions; a cancelled solve answers <see cref="SatResult.Unknown"/>).
    /// Post: on <see cref="SatResult.Satisfiable"/> <see cref="Model"/> satisfies every added clause and the
    /// assumptions (checked); on unsatisfiable under assumptions <see cref="FailedAssumptions"/> names a cause.
    /// The solver is back at level 0 and accepts more clauses.
    /// </summary>
    public SatResult Solve(ReadOnlySpan<SatLit> assumptions = default, long conflictLimit = -1, CancellationToken cancel = default)
    {
        _solves++;
        _model = null; _failed.Clear();
        if (!_ok) return SatResult.Unsatisfiable;
        foreach (var a in assumptions) if (a.Var >= _nVars) EnsureVars(a.Var + 1);
        if (_opt.Eliminate && _solves == 1 && assumptions.IsEmpty && _learnts.Count == 0) { Eliminate(); if (!_ok) return SatResult.Unsatisfiable; }
        if (_elimStack.Count > 0) foreach (var a in assumptions) if (_eliminated[a.Var]) Restore(a.Var);
        if (!_ok) return SatResult.Unsatisfiable;
        var assume = assumptions.ToArray();
        long budgetEnd = conflictLimit < 0 ? long.MaxValue : _conflicts + conflictLimit;
        _lubyRound = 0;
        var status = SatResult.Unknown;
        while (status == SatResult.Unknown)
        {
            if (_vivifyDue && _opt.VivifyLearnts) { _vivifyDue = false; VivifyLearnts(); if (!_ok) { status = SatResult.Unsatisfiable; break; } }
            if (_opt.Walk && assume.Length == 0 && _conflicts >= _nextWalk) Walk();
            ChooseMode();
            long limit = _glucosePhase ? long.MaxValue : (long)(Luby(2, _lubyRound++) * _opt.RestartUnit);
            status = Search(limit, assume, budgetEnd, cancel);
            if (status == SatResult.Unknown && (_conflicts >= budgetEnd || cancel.IsCancellationRequested)) break;
            if (status == SatResult.Unknown) _restarts++;
        }
        if (status == SatResult.Satisfiable)
        {
            _model = new bool[_nVars];
            for (int v = 0; v < _nVars; v++) _model[v] = _val[2 * v] == 1;
            if (_elimStack.Count > 0) Eliminator.Extend(_elimStack, _model);
            if (_opt.CheckModels) CheckModel(assume);
        }
        CancelUntil(0);
        return status;
    }

    /// <summary>
    /// Bounded variable elimination with subsumption (<see cref="Eliminator"/>) over the problem clauses. Pre: level 0,
    /// propagation fixpoint, no learnt clauses. Post: the problem clauses are replaced by the simplified ones, the
    /// eliminated variables leave the decision heap and their clauses go to the extension stack.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Eliminate()
    {
        CancelUntil(0);
        if (!_ok || Propagate() != NoReason) { _ok = false; return; }
        var clauses = new List<int[]>(_problem.Count);
        long literals = 0;
        var scratch = new List<int>();
        foreach (var cr in _problem)
        {
            scratch.Clear();
            bool sat = false;
            foreach (var l in _ca.Lits(cr)) { if (_val[l] == 1) { sat = true; break; } if (_val[l] == 0) scratch.Add(l); }
            if (sat) continue;
            clauses.Add(scratch.ToArray());
            literals += scratch.Count;
        }
        var frozen = new bool[_nVars];
        for (int v = 0; v < _nVars; v++) frozen[v] = _val[2 * v] != 0 || _eliminated[v];
        var el = new Eliminator(_nVars, clauses, frozen, _opt.EliminateEffort + 20 * literals);
        if (!el.Run()) { _ok = false; return; }
        for (int i = 0; i < _trailSize; i++) _reason[_trail[i] >> 1] = NoReason; // level-0 reasons are never read
        _ca = new ClauseArena(Math.Max(1024, _ca.Top));
        _problem.Clear();
        ClearWatches();
        _elimStack.AddRange(el.ExtensionStack);
        for (int v = 0; v < _nVars; v++)
            if (el.Eliminated[v]) { _eliminated[v] = true; _order.Remove(v); }
        _eliminatedVars += el.EliminatedCount;
        foreach (var c in el.Clauses) if (!AddClauseCore(c)) return;
        foreach (var u in el.Units) if (!AddClauseCore([u])) return;
    }

    /// <summary>
    /// Brings eliminated variable <paramref name="var"/> back (for a new clause or an assumption over it): its clauses
    /// leave the extension stack and rejoin the problem, and so, in turn, do eliminated variables they mention.
    /// </summary>
    void Restore(int var)
    {
        var todo = new Stack<int>();
        todo.Push(var);
        var back = new List<int[]>();
        while (todo.Count > 0)
        {
            int x = todo.Pop();
            if (!_eliminated[x]) continue;
            _eliminated[x] = false; _restoredVars++;
            _order.Insert(x);
            // Walk the stack's entries [pivot, others..., count] from the end; keep the others in order.
            var kept = new List<int[]>();
            for (int i = _elimStack.Count - 1; i >= 0;)
            {
                int n = _elimStack[i], start = i - n;
                var entry = _elimStack.GetRange(start, n).ToArray();
                if (entry[0] >> 1 == x)
                {
                    back.Add(entry);
                    foreach (var l in entry) if (_eliminated[l >> 1]) todo.Push(l >> 1);
                }
                else kept.Add(entry);
                i = start - 1;
            }
            _elimStack.Clear();
            for (int k = kept.Count - 1; k >= 0; k--) { _elimStack.AddRange(kept[k]); _elimStack.Add(kept[k].Length); }
        }
        foreach (var c in back) if (!AddClauseCore(c)) return;
    }

    /// <summary>
    /// Local-search rephasing: a <see cref="Walker"/> over the problem clauses not satisfied at level 0 (level-0 false
    /// literals dropped), from the saved phases; its best assignment becomes the saved phases. Pre: level 0,
    /// propagation fixpoint (so every such clause keeps two free literals). Post: the next walk is due
    /// <see cref="SolverOptions.WalkInterval"/>·k conflicts later; the budget is <see cref="SolverOptions.WalkEffort"/>
    /// ticks (<see cref="Walker.Ticks"/>) per propagation since the last walk (the first: 600 per clause, at most 1.5 million).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Walk()
    {
        _walkCount++;
        _nextWalk = _conflicts + (long)_opt.WalkInterval * _walkCount;
        long budget = _walkCount == 1 ? Math.Min(600L * _problem.Count, FirstWalkTicks) : (long)(_opt.WalkEffort * (_propagations - _walkPropagations));
        _walkPropagations = _propagations;
        if (budget <= 0 || _levels != 0) return;
        var lits = new List<int>(); var starts = new List<int> { 0 };
        var arena = _ca.Data;
        foreach (var cr in _problem)
        {
            int size = arena[cr], c = cr + Header, mark = lits.Count;
            bool sat = false;
            for (int k = 0; k < size; k++)
            {
                int l = arena[c + k];
                if (_val[l] == 1) { sat = true; break; }
                if (_val[l] == 0) lits.Add(l);
            }
            if (sat) { lits.RemoveRange(mark, lits.Count - mark); continue; }
            if (lits.Count == mark) return; // falsified at level 0: not a fixpoint, so no walk (the search finds the conflict)
            starts.Add(lits.Count);
        }
        if (starts.Count == 1) return;
        var initial = new bool[_nVars];
        for (int v = 0; v < _nVars; v++) initial[v] = _phase[v] == 0;
        var w = new Walker(_nVars, lits, starts, initial, (ulong)SplitMix64.Combine(0x5A17, _walkCount));
        if (w.Run(budget)) _walkModels++;
        _walkFlips += w.Flips;
        var best = w.Best;
        for (int v = 0; v < _nVars; v++) if (_val[2 * v] == 0) _phase[v] = (byte)(best[v] ? 0 : 1);
    }

    /// <summary>Picks Glucose or Luby restarts for the next search (alternating phases grow by half each time).</summary>
    void ChooseMode()
    {
        if (_opt.Restarts != RestartPolicy.Alternate || _conflicts < _nextModeSwitch) return;
        _glucosePhase = !_glucosePhase;
        _modeLength += _modeLength / 2;
        _nextModeSwitch = _conflicts + _modeLength;
        _lbdQueue.Clear();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void CheckModel(SatLit[] assume)
    {
        bool sat = false;
        for (int i = 0; i < _original.Count; i++)
        {
            int p = _original[i];
            if (p == -1)
            {
                if (!sat) throw new InvalidOperationException("internal error: the SAT model violates an input clause");
                sat = false;
            }
            else if (_model![p >> 1] != ((p & 1) != 0)) sat = true;
        }
        foreach (var a in assume)
            if (_model![a.Var] == a.IsNegated) throw new InvalidOperationException("internal error: the SAT model violates an assumption");
    }

    /// <summary>
    /// Searches until a model, a refutation, <paramref name="conflictsAllowed"/> conflicts (Luby), a Glucose restart,
    /// a due vivification, the budget or cancellation. Post: on <see cref="SatResult.Unknown"/> the solver is at level 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    SatResult Search(long conflictsAllowed, SatLit[] assume, long budgetEnd, CancellationToken cancel)
    {
        long conflicts = 0;
        var learnt = _analyzeLearnt;
        bool glucose = _glucosePhase;
        while (true)
        {
            int confl = Propagate();
            if (confl != NoReason)
            {
                _conflicts++; conflicts++;
                if (_levels == 0) { _ok = false; return SatResult.Unsatisfiable; }
                if (glucose)
                {
                    // Block a restart when the trail is much longer than usual: the solver may be near a model.
                    _trailQueue.Push(_trailSize);
                    if (_conflicts > 10000 && _lbdQueue.IsFull && _trailSize > 1.4 * _trailQueue.Average) _lbdQueue.Clear();
                }
                int bt = Analyze(confl, learnt, out int lbd);
                _lbdQueue.Push(lbd); _sumLbd += lbd;
                CancelUntil(bt);
                if (learnt.Count == 1) Enqueue(learnt[0], NoReason);
                else
                {
                    int cr = _ca.Alloc(learnt, learnt: true, lbd);
                    _learnts.Add(cr);
                    Attach(cr);
                    BumpClause(cr);
                    Enqueue(learnt[0], cr);
                }
                _varInc /= _opt.VarDecay;
                _claInc /= _opt.ClauseDecay;
                continue;
            }
            bool restart = glucose ? _lbdQueue.IsFull && _lbdQueue.Average * 0.8 > _sumLbd / _conflicts : conflicts >= conflictsAllowed;
            if (restart || _conflicts >= budgetEnd || (_vivifyDue && _opt.VivifyLearnts)
                || ((_decisions & 1023) == 0 && cancel.IsCancellationRequested))
            {
                if (restart) _lbdQueue.Clear();
                CancelUntil(0);
                return SatResult.Unknown;
            }
            if (_conflicts >= _nextReduce)
            {
                _reduceCount++;
                _nextReduce = _conflicts + _opt.FirstReduce + (long)_opt.ReduceIncrement * _reduceCount;
                ReduceDb();
            }
            int next = -1;
            while (_levels < assume.Length)
            {
                int p = assume[_levels].Value;
                if (_val[p] == 1) { NewLevel(); continue; }
                if (_val[p] == -1) { AnalyzeFinal(p ^ 1, assume); return SatResult.Unsatisfiable; }
                next = p; break;
            }
            if (next == -1)
            {
                _decisions++;
                next = PickBranch();
                if (next == -1) return SatResult.Satisfiable;
            }
            NewLevel();
            Enqueue(next, NoReason);
        }
    }

    void NewLevel()
    {
        if (_levels == _trailLim.Length) Array.Resize(ref _trailLim, _levels * 2);
        _trailLim[_levels++] = _trailSize;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int PickBranch()
    {
        while (_order.Count > 0)
        {
            int v = _order.Pop();
            if (_val[2 * v] == 0) return 2 * v + _phase[v];
        }
        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    void Enqueue(int p, int reason)
    {
        int v = p >> 1;
        _val[p] = 1; _val[p ^ 1] = -1;
        _level[v] = _levels; _reason[v] = reason;
        _trail[_trailSize++] = p;
        _propagations++;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void CancelUntil(int level)
    {
        if (_levels <= level) return;
        int lim = _trailLim[level];
        for (int i = _trailSize - 1; i >= lim; i--)
        {
            int p = _trail[i], v = p >> 1;
            _val[p] = 0; _val[p ^ 1] = 0;
            _phase[v] = (byte)(p & 1);
            _reason[v] = NoReason;
            _order.Insert(v);
        }
        _trailSize = lim; _qhead = lim; _levels = level;
    }

    /// <summary>
    /// Unit propagation over two watched literals. Pre: every attached clause watches its first two literals and
    /// <c>_watches[p]</c> holds clauses watching <c>!p</c>. Post: returns a conflicting clause or -1; watch lists are
    /// compacted in place; a watcher whose blocker is true is kept without touching its clause; binary clauses
    /// (negative reference) are handled from the watcher alone; a reason clause has its implied literal first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int Propagate()
    {
        // Bounds checks are dropped by reading through refs: every index below is a literal (< 2·vars), a variable,
        // a trail position (< vars) or a clause word (< arena top), all in range by the invariants above.
        int confl = NoReason;
        ref int arena = ref MemoryMarshal.GetArrayDataReference(_ca.Data);
        ref sbyte val = ref MemoryMarshal.GetArrayDataReference(_val);
        ref int trail = ref MemoryMarshal.GetArrayDataReference(_trail);
        ref int levelOf = ref MemoryMarshal.GetArrayDataReference(_level);
        ref int reasonOf = ref MemoryMarshal.GetArrayDataReference(_reason);
        var watches = _watches; var watchCount = _watchCount;
        int qhead = _qhead, top = _trailSize, level = _levels, start = _trailSize;
        while (qhead < top)
        {
            int p = Unsafe.Add(ref trail, qhead++);
            int falseLit = p ^ 1;
            ref Watcher ws = ref MemoryMarshal.GetArrayDataReference(watches[p]);
            int n = watchCount[p], i = 0, j = 0;
            while (i < n)
            {
                Watcher w = Unsafe.Add(ref ws, i++);
                int blocker = w.Blocker;
                int bv = Unsafe.Add(ref val, blocker);
                if (bv == 1) { Unsafe.Add(ref ws, j++) = w; continue; }
                int cr = w.Cref;
                if (cr < 0)
                {
                    // Binary clause: the blocker is the other literal, so the clause itself need not be read.
                    Unsafe.Add(ref ws, j++) = w;
                    cr = ~cr;
                    if (bv == -1)
                    {
                        confl = cr; qhead = top;
                        while (i < n) Unsafe.Add(ref ws, j++) = Unsafe.Add(ref ws, i++);
                        break;
                    }
                    ref int bc = ref Unsafe.Add(ref arena, cr + Header);
                    if (bc != blocker) { Unsafe.Add(ref bc, 1) = bc; bc = blocker; } // implied literal first
                    Unsafe.Add(ref val, blocker) = 1; Unsafe.Add(ref val, blocker ^ 1) = -1;
                    Unsafe.Add(ref levelOf, blocker >> 1) = level; Unsafe.Add(ref reasonOf, blocker >> 1) = cr;
                    Unsafe.Add(ref trail, top++) = blocker;
                    continue;
                }
                ref int c = ref Unsafe.Add(ref arena, cr + Header);
                if (c == falseLit) { c = Unsafe.Add(ref c, 1); Unsafe.Add(ref c, 1) = falseLit; }
                int first = c;
                if (first != blocker && Unsafe.Add(ref val, first) == 1) { Unsafe.Add(ref ws, j++) = new Watcher(cr, first); continue; }
                int size = Unsafe.Add(ref arena, cr);
                bool moved = false;
                for (int k = 2; k < size; k++)
                {
                    int q = Unsafe.Add(ref c, k);
                    if (Unsafe.Add(ref val, q) != -1)
                    {
                        Unsafe.Add(ref c, 1) = q; Unsafe.Add(ref c, k) = falseLit;
                        AddWatch(q ^ 1, new Watcher(cr, first)); // another list: q ^ 1 != p
                        moved = true; break;
                    }
                }
                if (moved) continue;
                Unsafe.Add(ref ws, j++) = new Watcher(cr, first);
                if (Unsafe.Add(ref val, first) == -1)
                {
                    confl = cr; qhead = top;
                    while (i < n) Unsafe.Add(ref ws, j++) = Unsafe.Add(ref ws, i++);
                    break;
                }
                Unsafe.Add(ref val, first) = 1; Unsafe.Add(ref val, first ^ 1) = -1;
                Unsafe.Add(ref levelOf, first >> 1) = level; Unsafe.Add(ref reasonOf, first >> 1) = cr;
                Unsafe.Add(ref trail, top++) = first;
            }
            watchCount[p] = j;
        }
        _qhead = qhead; _trailSize = top;
        _propagations += top - start;
        return confl;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    void AddWatch(int lit, Watcher w)
    {
        var ws = _watches[lit];
        int n = _watchCount[lit];
        if (n == ws.Length) { Array.Resize(ref ws, Math.Max(4, n * 2)); _watches[lit] = ws; }
        ws[n] = w;
        _watchCount[lit] = n + 1;
    }

    /// <summary>Watches the first two literals; binary clauses get watchers marked by a complemented reference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Attach(int cr)
    {
        var arena = _ca.Data;
        int c = cr + Header;
        int tag = arena[cr] == 2 ? ~cr : cr;
        AddWatch(arena[c] ^ 1, new Watcher(tag, arena[c + 1]));
        AddWatch(arena[c + 1] ^ 1, new Watcher(tag, arena[c]));
    }

    /// <summary>
    /// First-UIP conflict analysis. Post: <paramref name="learnt"/> is the minimized learnt clause with the asserting
    /// literal first and a literal of the backjump level second; returns the backjump level.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int Analyze(int confl, List<int> learnt, out int lbd)
    {
        learnt.Clear(); learnt.Add(-1);
        int pathC = 0, p = -1, index = _trailSize - 1;
        var arena = _ca.Data;
        do
        {
            if ((arena[confl + 1] & 1) != 0) { BumpClause(confl); UpdateLearnt(confl); }
            int size = arena[confl], c = confl + Header;
            for (int j = p == -1 ? 0 : 1; j < size; j++)
            {
                int q = arena[c + j], v = q >> 1;
                if (_seen[v] == 0 && _level[v] > 0)
                {
                    _order.Bump(v, ref _varInc, _nVars);
                    _seen[v] = 1;
                    if (_level[v] >= _levels) pathC++;
                    else learnt.Add(q);
                }
            }
            while (_seen[_trail[index--] >> 1] == 0) { }
            p = _trail[index + 1];
            confl = _reason[p >> 1];
            _seen[p >> 1] = 0;
            pathC--;
        } while (pathC > 0);
        learnt[0] = p ^ 1;

        // Recursive minimization: drop literals implied by the others.
        var toClear = _analyzeToClear; toClear.Clear();
        for (int i = 1; i < learnt.Count; i++) toClear.Add(learnt[i]);
        uint abstractLevels = 0;
        for (int i = 1; i < learnt.Count; i++) abstractLevels |= AbstractLevel(learnt[i] >> 1);
        int kept = 1;
        for (int i = 1; i < learnt.Count; i++)
        {
            int q = learnt[i];
            if (_reason[q >> 1] == NoReason || !LitRedundant(q, abstractLevels)) learnt[kept++] = q;
        }
        _minimized += learnt.Count - kept;
        learnt.RemoveRange(kept, learnt.Count - kept);
        foreach (var q in toClear) _seen[q >> 1] = 0;

        int bt = 0;
        if (learnt.Count > 1)
        {
            int maxI = 1;
            for (int i = 2; i < learnt.Count; i++) if (_level[learnt[i] >> 1] > _level[learnt[maxI] >> 1]) maxI = i;
            (learnt[1], learnt[maxI]) = (learnt[maxI], learnt[1]);
            bt = _level[learnt[1] >> 1];
        }
        lbd = ComputeLbd(learnt);
        return bt;
    }

    /// <summary>
    /// A learnt clause takes part in a conflict: it is marked used (tier 2 keeps used clauses) and, as in Glucose,
    /// its LBD is recomputed under the current assignment and lowered when that is smaller.
    /// </summary>
    void UpdateLearnt(int cr)
    {
        _ca.SetUsed(cr, true);
        int old = _ca.Lbd(cr);
        if (old <= _opt.KeepLbd) return;
        if (_levels + 1 > _levelStamp.Length) Array.Resize(ref _levelStamp, Math.Max(_levels + 1, _levelStamp.Length * 2));
        _stamp++;
        int n = 0;
        foreach (var l in _ca.Lits(cr))
        {
            int lv = _level[l >> 1];
            if (_levelStamp[lv] != _stamp) { _levelStamp[lv] = _stamp; if (++n >= old) return; }
        }
        _ca.SetLbd(cr, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    uint AbstractLevel(int v) => 1u << (_level[v] & 31);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool LitRedundant(int p, uint abstractLevels)
    {
        var stack = _analyzeStack; stack.Clear(); stack.Add(p);
        var toClear = _analyzeToClear;
        var arena = _ca.Data;
        int top = toClear.Count;
        while (stack.Count > 0)
        {
            int q = stack[^1]; stack.RemoveAt(stack.Count - 1);
            int cr = _reason[q >> 1], size = arena[cr], c = cr + Header;
            for (int j = 1; j < size; j++)
            {
                int l = arena[c + j], v = l >> 1;
                if (_seen[v] != 0 || _level[v] == 0) continue;
                if (_reason[v] != NoReason && (AbstractLevel(v) & abstractLevels) != 0)
                {
                    _seen[v] = 1; stack.Add(l); toClear.Add(l);
                }
                else
                {
                    for (int k = top; k < toClear.Count; k++) _seen[toClear[k] >> 1] = 0;
                    toClear.RemoveRange(top, toClear.Count - top);
                    return false;
                }
            }
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int ComputeLbd(List<int> lits)
    {
        if (_levels + 1 > _levelStamp.Length) Array.Resize(ref _levelStamp, Math.Max(_levels + 1, _levelStamp.Length * 2));
        _stamp++;
        int n = 0;
        foreach (var l in lits)
        {
            int lv = _level[l >> 1];
            if (_levelStamp[lv] != _stamp) { _levelStamp[lv] = _stamp; n++; }
        }
        return n;
    }

    /// <summary>Collects the assumptions responsible for <paramref name="p"/> being forced false.</summary>
    void AnalyzeFinal(int p, SatLit[] assume)
    {
        // p is the negation of a failed assumption.
        var isAssumption = new HashSet<int>(assume.Select(a => a.Value));
        _failed.Add(new SatLit(p ^ 1));
        if (_levels == 0) return;
        _seen[p >> 1] = 1;
        for (int i = _trailSize - 1; i >= _trailLim[0]; i--)
        {
            int x = _trail[i] >> 1;
            if (_seen[x] == 0) continue;
            int r = _reason[x];
            if (r == NoReason)
            {
                if (isAssumption.Contains(_trail[i]) && _trail[i] != (p ^ 1)) _failed.Add(new SatLit(_trail[i]));
            }
            else
            {
                int size = _ca.Size(r);
                for (int j = 1; j < size; j++) { int v = _ca.Lit(r, j) >> 1; if (_level[v] > 0) _seen[v] = 1; }
            }
            _seen[x] = 0;
        }
        _seen[p >> 1] = 0;
    }

    void BumpClause(int cr)
    {
        float a = _ca.Activity(cr) + (float)_claInc;
        _ca.SetActivity(cr, a);
        if (a > 1e20f)
        {
            foreach (var l in _learnts) _ca.SetActivity(l, _ca.Activity(l) * 1e-20f);
            _claInc *= 1e-20;
        }
    }

    /// <summary>
    /// Three tiers by LBD, as in Glucose 4 and CaDiCaL: core clauses (LBD ≤ <see cref="SolverOptions.KeepLbd"/>) and
    /// binary ones stay; tier-2 clauses (LBD ≤ <see cref="SolverOptions.Tier2Lbd"/>) stay while they take part in
    /// conflicts, and an unused one drops to the local tier; of the local tier the worse half goes, by LBD then
    /// activity. Reasons always stay. Then the arena is compacted and the watches rebuilt.
    /// Pre: called at a propagation fixpoint with no conflict. Post: a vivification is due at the next restart.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void ReduceDb()
    {
        _reductions++;
        var ca = _ca;
        var local = new List<int>(_learnts.Count);
        foreach (var cr in _learnts)
        {
            int lbd = ca.Lbd(cr);
            bool used = ca.IsUsed(cr);
            ca.SetUsed(cr, false);
            if (lbd <= _opt.KeepLbd || ca.Size(cr) <= 2) continue;
            if (lbd <= _opt.Tier2Lbd && used) continue;
            local.Add(cr);
        }
        var order = local.ToArray();
        Array.Sort(order, (x, y) =>
        {
            int lx = ca.Lbd(x), ly = ca.Lbd(y);
            if (lx != ly) return ly.CompareTo(lx);
            return ca.Activity(x).CompareTo(ca.Activity(y));
        });
        int remove = order.Length / 2, removed = 0;
        foreach (var cr in order)
        {
            if (removed >= remove) break;
            if (Locked(cr)) continue;
            ca.MarkDeleted(cr);
            removed++;
        }
        CompactArena();
        _vivifyDue = true;
    }

    bool Locked(int cr)
    {
        int first = _ca.Lit(cr, 0);
        return _val[first] == 1 && _reason[first >> 1] == cr;
    }

    /// <summary>
    /// Moves every live clause into a fresh arena (reasons follow their clauses) and rebuilds the watches.
    /// Pre: no reason clause is marked deleted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void CompactArena()
    {
        var old = _ca;
        var fresh = new ClauseArena(Math.Max(1024, old.Top));
        for (int i = 0; i < _problem.Count; i++) _problem[i] = old.Relocate(_problem[i], fresh);
        int k = 0;
        for (int i = 0; i < _learnts.Count; i++)
            if (!old.IsDeleted(_learnts[i])) _learnts[k++] = old.Relocate(_learnts[i], fresh);
        _learnts.RemoveRange(k, _learnts.Count - k);
        for (int i = 0; i < _trailSize; i++)
        {
            int v = _trail[i] >> 1;
            if (_reason[v] != NoReason) _reason[v] = old.Relocate(_reason[v], fresh);
        }
        _ca = fresh;
        ClearWatches();
        foreach (var cr in _problem) Attach(cr);
        foreach (var cr in _learnts) Attach(cr);
    }

    void ClearWatches() { for (int l = 0; l < 2 * _nVars; l++) _watchCount[l] = 0; }

    /// <summary>
    /// Learnt-clause vivification (Luo et al. 2017, as in CaDiCaL and Maple solvers). For each kept learnt clause
    /// with LBD ≤ <see cref="SolverOptions.VivifyMaxLbd"/>, detached: assign its literals false one by one and
    /// propagate over the other clauses; a conflict or an implied literal shortens the clause, a literal implied
    /// false is dropped, a literal true at level 0 removes the clause. Pre: level 0, propagation fixpoint.
    /// Post: every clause is implied by the formula, watched again; level 0; the effort is bounded by
    /// <see cref="SolverOptions.VivifyEffort"/> propagations per conflict since the last vivification.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void VivifyLearnts()
    {
        if (_levels != 0 || !_ok) return;
        for (int i = 0; i < _trailSize; i++) _reason[_trail[i] >> 1] = NoReason; // level-0 reasons are never read
        ClearWatches();
        foreach (var cr in _problem) Attach(cr);
        long budget = _propagations + (long)(_opt.VivifyEffort * (_opt.FirstReduce + _opt.ReduceIncrement * _reduceCount));
        bool changed = false;
        foreach (var cr in _learnts)
        {
            if (!_ok) break;
            if (_propagations > budget || _ca.Lbd(cr) > _opt.VivifyMaxLbd) { AttachIfLive(cr); continue; }
            int size = _ca.Size(cr), kept = 0;
            bool satisfied = false;
            for (int i = 0; i < size; i++)
            {
                int l = _ca.Lit(cr, i);
                if (_val[l] == 1) { if (_level[l >> 1] == 0) satisfied = true; else _ca.Lits(cr)[kept++] = l; break; }
                if (_val[l] == -1) continue;
                _ca.Lits(cr)[kept++] = l;
                NewLevel();
                Enqueue(l ^ 1, NoReason);
                if (Propagate() != NoReason) break;
            }
            CancelUntil(0);
            if (satisfied) { _ca.MarkDeleted(cr); changed = true; continue; }
            if (kept < size) { _vivified++; _vivifiedLits += size - kept; }
            if (kept == 0) { _ok = false; break; }
            if (kept == 1)
            {
                Enqueue(_ca.Lit(cr, 0), NoReason);
                _ca.MarkDeleted(cr); changed = true;
                if (Propagate() != NoReason) { _ok = false; break; }
                continue;
            }
            if (kept < size) { _ca.Shrink(cr, kept); _ca.SetLbd(cr, Math.Min(_ca.Lbd(cr), kept - 1)); }
            Attach(cr);
        }
        if (changed && _ok) CompactArena();
    }

    void AttachIfLive(int cr) { if (!_ca.IsDeleted(cr)) Attach(cr); }

    static double Luby(double y, long x)
    {
        long size = 1; int seq = 0;
        while (size < x + 1) { seq++; size = 2 * size + 1; }
        while (size - 1 != x) { size = (size - 1) >> 1; seq--; x %= size; }
        return Math.Pow(y, seq);
    }
}
