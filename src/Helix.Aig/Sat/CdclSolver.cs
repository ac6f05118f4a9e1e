using System.Runtime.CompilerServices;

namespace Helix.Aig.Sat;

/// <summary>
/// A conflict-driven clause-learning SAT solver after MiniSat and Glucose: two watched literals with blockers,
/// first-UIP learning with recursive minimization, EVSIDS, phase saving, Luby restarts, LBD-based learnt-clause
/// reduction and incremental solving under assumptions. Every model is checked against the original clauses
/// before <see cref="Solve"/> reports <see cref="SatResult.Satisfiable"/>.
/// </summary>
public sealed class CdclSolver
{
    struct Watcher { public int Cref, Blocker; public Watcher(int c, int b) { Cref = c; Blocker = b; } }

    // Clause arena: [size, flags (bit0 learnt, bit1 deleted, bits 2.. LBD), activity (float bits), lits...].
    const int Header = 3;
    const int NoReason = -1;

    readonly SolverOptions _opt;
    // --- per variable / literal state ---
    int _nVars;
    sbyte[] _val = new sbyte[2];          // per literal: 1 true, -1 false, 0 unassigned
    int[] _level = new int[1];
    int[] _reason = new int[1];
    byte[] _phase = new byte[1];          // saved phase: 1 = last value false
    double[] _activity = new double[1];
    byte[] _seen = new byte[1];
    Watcher[][] _watches = new Watcher[2][];
    int[] _watchCount = new int[2];
    // --- decision heap (max-heap on activity) ---
    int[] _heap = new int[1];
    int[] _heapIndex = new int[1];
    int _heapSize;
    // --- trail ---
    int[] _trail = new int[1];
    int _trailSize, _qhead;
    int[] _trailLim = new int[8];
    int _levels;
    // --- clause database ---
    int[] _arena = new int[1024];
    int _arenaTop;
    readonly List<int> _problem = new();
    readonly List<int> _learnts = new();
    readonly List<int> _original = new();  // every added clause verbatim, -1 terminated, for model checks
    // --- search parameters ---
    double _varInc = 1, _claInc = 1;
    long _nextReduce;
    int _reduceCount;
    bool _ok = true;
    // --- scratch for analysis (named after their users) ---
    readonly List<int> _analyzeLearnt = new();
    readonly List<int> _analyzeStack = new();
    readonly List<int> _analyzeToClear = new();
    readonly List<int> _addClauseLits = new();
    int[] _levelStamp = new int[8];
    int _stamp;
    bool[]? _model;
    readonly List<SatLit> _failed = new();

    public CdclSolver(SolverOptions? options = null)
    {
        _opt = options ?? new SolverOptions();
        _watches[0] = Array.Empty<Watcher>(); _watches[1] = Array.Empty<Watcher>();
        _nextReduce = _opt.FirstReduce;
    }

    /// <summary>Counters since construction.</summary>
    public SolverStats Stats { get; } = new();
    /// <summary>Number of variables.</summary>
    public int VarCount => _nVars;
    /// <summary>Problem clauses currently stored (after level-0 simplification) and learnt clauses.</summary>
    public int ClauseCount => _problem.Count;
    /// <summary>Learnt clauses currently kept.</summary>
    public int LearntCount => _learnts.Count;
    /// <summary>False once the clauses are unsatisfiable without assumptions.</summary>
    public bool IsOkay => _ok;
    /// <summary>After an unsatisfiable answer under assumptions: the assumptions that caused it.</summary>
    public IReadOnlyList<SatLit> FailedAssumptions => _failed;

    /// <summary>Adds a variable and returns it.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int NewVar()
    {
        int v = _nVars++;
        if (_nVars > _level.Length) Grow(Math.Max(_nVars, _level.Length * 2));
        _level[v] = 0; _reason[v] = NoReason; _phase[v] = 1; _activity[v] = 0; _seen[v] = 0;
        _val[2 * v] = 0; _val[2 * v + 1] = 0;
        _watches[2 * v] = Array.Empty<Watcher>(); _watches[2 * v + 1] = Array.Empty<Watcher>();
        _watchCount[2 * v] = 0; _watchCount[2 * v + 1] = 0;
        _heapIndex[v] = -1;
        HeapInsert(v);
        return v;
    }

    /// <summary>Makes sure variables 0..<paramref name="count"/>-1 exist.</summary>
    public void EnsureVars(int count) { while (_nVars < count) NewVar(); }

    void Grow(int n)
    {
        Array.Resize(ref _val, 2 * n); Array.Resize(ref _level, n); Array.Resize(ref _reason, n);
        Array.Resize(ref _phase, n); Array.Resize(ref _activity, n); Array.Resize(ref _seen, n);
        Array.Resize(ref _watches, 2 * n); Array.Resize(ref _watchCount, 2 * n);
        Array.Resize(ref _heap, n); Array.Resize(ref _heapIndex, n); Array.Resize(ref _trail, n);
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
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool AddClause(ReadOnlySpan<SatLit> clause)
    {
        foreach (var l in clause) { _original.Add(l.Value); if (l.Var >= _nVars) EnsureVars(l.Var + 1); }
        _original.Add(-1);
        if (!_ok) return false;
        CancelUntil(0);
        var lits = _addClauseLits; lits.Clear();
        foreach (var l in clause) lits.Add(l.Value);
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
        int cr = Alloc(lits, learnt: false, lbd: 0);
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
        Stats.Solves++;
        _model = null; _failed.Clear();
        if (!_ok) return SatResult.Unsatisfiable;
        foreach (var a in assumptions) if (a.Var >= _nVars) EnsureVars(a.Var + 1);
        var assume = assumptions.ToArray();
        long budgetEnd = conflictLimit < 0 ? long.MaxValue : Stats.Conflicts + conflictLimit;
        var status = SatResult.Unknown;
        for (int restart = 0; status == SatResult.Unknown; restart++)
        {
            long limit = (long)(Luby(2, restart) * _opt.RestartUnit);
            status = Search(limit, assume, budgetEnd, cancel);
            if (status == SatResult.Unknown && (Stats.Conflicts >= budgetEnd || cancel.IsCancellationRequested)) break;
            if (status == SatResult.Unknown) Stats.Restarts++;
        }
        if (status == SatResult.Satisfiable)
        {
            _model = new bool[_nVars];
            for (int v = 0; v < _nVars; v++) _model[v] = _val[2 * v] == 1;
            if (_opt.CheckModels) CheckModel(assume);
        }
        CancelUntil(0);
        return status;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    SatResult Search(long conflictsAllowed, SatLit[] assume, long budgetEnd, CancellationToken cancel)
    {
        long conflicts = 0;
        var learnt = _analyzeLearnt;
        while (true)
        {
            int confl = Propagate();
            if (confl != NoReason)
            {
                Stats.Conflicts++; conflicts++;
                if (_levels == 0) { _ok = false; return SatResult.Unsatisfiable; }
                int bt = Analyze(confl, learnt, out int lbd);
                CancelUntil(bt);
                if (learnt.Count == 1) Enqueue(learnt[0], NoReason);
                else
                {
                    int cr = Alloc(learnt, learnt: true, lbd);
                    _learnts.Add(cr);
                    Attach(cr);
                    BumpClause(cr);
                    Enqueue(learnt[0], cr);
                }
                _varInc /= _opt.VarDecay;
                _claInc /= _opt.ClauseDecay;
                continue;
            }
            if (conflicts >= conflictsAllowed || Stats.Conflicts >= budgetEnd
                || ((Stats.Decisions & 1023) == 0 && cancel.IsCancellationRequested)) { CancelUntil(0); return SatResult.Unknown; }
            if (Stats.Conflicts >= _nextReduce)
            {
                _reduceCount++;
                _nextReduce = Stats.Conflicts + _opt.FirstReduce + (long)_opt.ReduceIncrement * _reduceCount;
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
                Stats.Decisions++;
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

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    int PickBranch()
    {
        while (_heapSize > 0)
        {
            int v = HeapPop();
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
        Stats.Propagations++;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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
            if (_heapIndex[v] < 0) HeapInsert(v);
        }
        _trailSize = lim; _qhead = lim; _levels = level;
    }

    /// <summary>
    /// Unit propagation over two watched literals. Pre: every clause watches its first two literals and
    /// <c>_watches[p]</c> holds clauses watching <c>!p</c>. Post: returns a conflicting clause or -1; watch lists are
    /// compacted in place; a watcher whose blocker is true is kept without touching its clause; binary clauses
    /// (negative reference) are handled from the watcher alone; a reason clause has its implied literal first.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    int Propagate()
    {
        int confl = NoReason;
        var arena = _arena; var val = _val;
        while (_qhead < _trailSize)
        {
            int p = _trail[_qhead++];
            int falseLit = p ^ 1;
            var ws = _watches[p];
            int n = _watchCount[p], i = 0, j = 0;
            while (i < n)
            {
                int blocker = ws[i].Blocker;
                if (val[blocker] == 1) { ws[j++] = ws[i++]; continue; }
                if (ws[i].Cref < 0)
                {
                    // Binary clause: the blocker is the other literal, so the clause itself need not be read.
                    int bcr = ~ws[i].Cref;
                    ws[j++] = ws[i++];
                    if (val[blocker] == -1)
                    {
                        confl = bcr;
                        _qhead = _trailSize;
                        while (i < n) ws[j++] = ws[i++];
                    }
                    else
                    {
                        int bc = bcr + Header;
                        if (arena[bc] != blocker) { arena[bc + 1] = arena[bc]; arena[bc] = blocker; } // implied literal first
                        Enqueue(blocker, bcr);
                    }
                    continue;
                }
                int cr = ws[i].Cref, c = cr + Header;
                if (arena[c] == falseLit) { arena[c] = arena[c + 1]; arena[c + 1] = falseLit; }
                i++;
                int first = arena[c];
                if (first != blocker && val[first] == 1) { ws[j++] = new Watcher(cr, first); continue; }
                int size = arena[cr];
                bool moved = false;
                for (int k = 2; k < size; k++)
                {
                    int q = arena[c + k];
                    if (val[q] != -1)
                    {
                        arena[c + 1] = q; arena[c + k] = falseLit;
                        AddWatch(q ^ 1, new Watcher(cr, first));
                        moved = true; break;
                    }
                }
                if (moved) continue;
                ws[j++] = new Watcher(cr, first);
                if (val[first] == -1)
                {
                    confl = cr;
                    _qhead = _trailSize;
                    while (i < n) ws[j++] = ws[i++];
                }
                else Enqueue(first, cr);
            }
            _watchCount[p] = j;
        }
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
    void Attach(int cr)
    {
        int c = cr + Header;
        int tag = _arena[cr] == 2 ? ~cr : cr;
        AddWatch(_arena[c] ^ 1, new Watcher(tag, _arena[c + 1]));
        AddWatch(_arena[c + 1] ^ 1, new Watcher(tag, _arena[c]));
    }

    int Alloc(List<int> lits, bool learnt, int lbd)
    {
        int need = Header + lits.Count;
        if (_arenaTop + need > _arena.Length) Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaTop + need));
        int cr = _arenaTop;
        _arena[cr] = lits.Count;
        _arena[cr + 1] = (learnt ? 1 : 0) | (lbd << 2);
        _arena[cr + 2] = 0;
        for (int i = 0; i < lits.Count; i++) _arena[cr + Header + i] = lits[i];
        _arenaTop += need;
        return cr;
    }

    /// <summary>
    /// First-UIP conflict analysis. Post: <paramref name="learnt"/> is the minimized learnt clause with the asserting
    /// literal first and a literal of the backjump level second; returns the backjump level.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    int Analyze(int confl, List<int> learnt, out int lbd)
    {
        learnt.Clear(); learnt.Add(-1);
        int pathC = 0, p = -1, index = _trailSize - 1;
        var arena = _arena;
        do
        {
            if ((arena[confl + 1] & 1) != 0) BumpClause(confl);
            int size = arena[confl], c = confl + Header;
            for (int j = p == -1 ? 0 : 1; j < size; j++)
            {
                int q = arena[c + j], v = q >> 1;
                if (_seen[v] == 0 && _level[v] > 0)
                {
                    BumpVar(v);
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
        Stats.MinimizedLiterals += learnt.Count - kept;
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    uint AbstractLevel(int v) => 1u << (_level[v] & 31);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    bool LitRedundant(int p, uint abstractLevels)
    {
        var stack = _analyzeStack; stack.Clear(); stack.Add(p);
        var toClear = _analyzeToClear;
        int top = toClear.Count;
        while (stack.Count > 0)
        {
            int q = stack[^1]; stack.RemoveAt(stack.Count - 1);
            int cr = _reason[q >> 1], size = _arena[cr], c = cr + Header;
            for (int j = 1; j < size; j++)
            {
                int l = _arena[c + j], v = l >> 1;
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

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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
                int size = _arena[r];
                for (int j = 1; j < size; j++) { int v = _arena[r + Header + j] >> 1; if (_level[v] > 0) _seen[v] = 1; }
            }
            _seen[x] = 0;
        }
        _seen[p >> 1] = 0;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    void BumpVar(int v)
    {
        if ((_activity[v] += _varInc) > 1e100)
        {
            for (int i = 0; i < _nVars; i++) _activity[i] *= 1e-100;
            _varInc *= 1e-100;
        }
        if (_heapIndex[v] >= 0) HeapUp(_heapIndex[v]);
    }

    void BumpClause(int cr)
    {
        float a = BitConverter.Int32BitsToSingle(_arena[cr + 2]) + (float)_claInc;
        _arena[cr + 2] = BitConverter.SingleToInt32Bits(a);
        if (a > 1e20f)
        {
            foreach (var l in _learnts) _arena[l + 2] = BitConverter.SingleToInt32Bits(BitConverter.Int32BitsToSingle(_arena[l + 2]) * 1e-20f);
            _claInc *= 1e-20;
        }
    }

    /// <summary>
    /// Removes about half of the learnt clauses, worst first by LBD then activity, keeping glue clauses
    /// (LBD ≤ KeepLbd), binary ones and those that are reasons; then compacts the arena and rebuilds the watches.
    /// Pre: called at a propagation fixpoint with no conflict.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    void ReduceDb()
    {
        Stats.Reductions++;
        var arena = _arena;
        var order = _learnts.ToArray();
        Array.Sort(order, (x, y) =>
        {
            int lx = arena[x + 1] >> 2, ly = arena[y + 1] >> 2;
            if (lx != ly) return ly.CompareTo(lx);
            return BitConverter.Int32BitsToSingle(arena[x + 2]).CompareTo(BitConverter.Int32BitsToSingle(arena[y + 2]));
        });
        int remove = order.Length / 2, removed = 0;
        foreach (var cr in order)
        {
            if (removed >= remove) break;
            if ((arena[cr + 1] >> 2) <= _opt.KeepLbd || arena[cr] <= 2 || Locked(cr)) continue;
            arena[cr + 1] |= 2;
            removed++;
        }
        CompactArena();
    }

    bool Locked(int cr)
    {
        int first = _arena[cr + Header];
        return _val[first] == 1 && _reason[first >> 1] == cr;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    void CompactArena()
    {
        var old = _arena;
        var fresh = new int[Math.Max(1024, _arenaTop)];
        int top = 0;
        var forward = new Dictionary<int, int>();
        int Move(int cr)
        {
            int len = Header + old[cr];
            Array.Copy(old, cr, fresh, top, len);
            forward[cr] = top;
            int r = top; top += len; return r;
        }
        for (int i = 0; i < _problem.Count; i++) _problem[i] = Move(_problem[i]);
        int k = 0;
        for (int i = 0; i < _learnts.Count; i++)
            if ((old[_learnts[i] + 1] & 2) == 0) _learnts[k++] = Move(_learnts[i]);
        _learnts.RemoveRange(k, _learnts.Count - k);
        for (int i = 0; i < _trailSize; i++)
        {
            int v = _trail[i] >> 1;
            if (_reason[v] != NoReason) _reason[v] = forward[_reason[v]];
        }
        _arena = fresh; _arenaTop = top;
        for (int l = 0; l < 2 * _nVars; l++) _watchCount[l] = 0;
        foreach (var cr in _problem) Attach(cr);
        foreach (var cr in _learnts) Attach(cr);
    }

    static double Luby(double y, int x)
    {
        int size = 1, seq = 0;
        while (size < x + 1) { seq++; size = 2 * size + 1; }
        while (size - 1 != x) { size = (size - 1) >> 1; seq--; x %= size; }
        return Math.Pow(y, seq);
    }

    // ---------------- activity heap ----------------

    void HeapInsert(int v)
    {
        _heapIndex[v] = _heapSize;
        _heap[_heapSize++] = v;
        HeapUp(_heapSize - 1);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    int HeapPop()
    {
        int top = _heap[0];
        int last = _heap[--_heapSize];
        _heapIndex[top] = -1;
        if (_heapSize > 0) { _heap[0] = last; _heapIndex[last] = 0; HeapDown(0); }
        return top;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    void HeapUp(int i)
    {
        int v = _heap[i];
        double a = _activity[v];
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            int pv = _heap[parent];
            if (_activity[pv] >= a) break;
            _heap[i] = pv; _heapIndex[pv] = i; i = parent;
        }
        _heap[i] = v; _heapIndex[v] = i;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    void HeapDown(int i)
    {
        int v = _heap[i];
        double a = _activity[v];
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= _heapSize) break;
            if (child + 1 < _heapSize && _activity[_heap[child + 1]] > _activity[_heap[child]]) child++;
            if (_activity[_heap[child]] <= a) break;
            _heap[i] = _heap[child]; _heapIndex[_heap[i]] = i; i = child;
        }
        _heap[i] = v; _heapIndex[v] = i;
    }
}
