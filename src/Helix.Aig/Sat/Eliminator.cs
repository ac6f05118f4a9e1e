using System.Runtime.CompilerServices;

namespace Helix.Aig.Sat;

/// <summary>
/// SatELite-style preprocessing (Eén and Biere 2005) over a plain clause list: backward subsumption with
/// self-subsuming resolution, then bounded variable elimination by clause distribution (a variable goes when its
/// non-tautological resolvents are no more than the clauses they replace and none is longer than
/// <see cref="MaxResolventSize"/>). Every clause of an eliminated variable goes to <see cref="ExtensionStack"/> with
/// the variable's literal first, which is all that <see cref="Extend"/> needs to rebuild a model of the original
/// formula. Units found on the way are returned, not propagated into a solver.
/// </summary>
/// <remarks>
/// Pre: the input clauses have at least two literals, no duplicate literals, no tautologies and no assigned literal. Post (when <see cref="Run"/> returns true): <see cref="Clauses"/> ∪ <see cref="Units"/> is
/// satisfiable iff the input is, and any model of it, extended by <see cref="Extend"/>, satisfies the input.
/// </remarks>
internal sealed class Eliminator
{
    /// <summary>Longest resolvent an elimination may add.</summary>
    public const int MaxResolventSize = 20;
    /// <summary>Variables with more occurrences than this on both sides are not tried.</summary>
    public const int MaxOccurrences = 40;

    readonly int _nVars;
    readonly List<int[]> _cls = new();
    readonly List<bool> _dead = new();
    readonly List<ulong> _sig = new();
    readonly List<int>[] _occ;          // per literal: clause indices, dead ones removed lazily
    readonly int[] _occCount;           // per literal: live clauses holding it
    readonly sbyte[] _val;              // per literal: 1 true, -1 false (units found here), 0 free
    readonly bool[] _frozen;            // per variable: may not be eliminated (assigned, or the caller's wish)
    readonly bool[] _eliminated;
    readonly int[] _mark;               // per literal: stamp of the clause being compared
    int _stamp;
    long _budget;
    readonly Queue<int> _subsumeQueue = new();
    readonly VarHeap _candidates = new();  // variables keyed by minus their occurrence product: cheapest first
    bool _queueing;
    readonly List<int> _units = new();
    readonly List<int> _stack = new();
    readonly List<int> _resolvent = new();
    readonly List<int> _subsumeScratch = new();
    int _eliminatedCount;

    /// <summary>
    /// Loads the clauses (literals as <c>2·var + sign</c>). <paramref name="frozen"/> marks variables that must stay
    /// (fixed ones are frozen here as well). <paramref name="effort"/> bounds the work in literal visits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Eliminator(int nVars, IEnumerable<int[]> clauses, bool[] frozen, long effort)
    {
        _nVars = nVars;
        _occ = new List<int>[2 * nVars];
        for (int l = 0; l < 2 * nVars; l++) _occ[l] = new List<int>();
        _occCount = new int[2 * nVars];
        _val = new sbyte[2 * nVars];
        _frozen = (bool[])frozen.Clone();
        _eliminated = new bool[nVars];
        _mark = new int[2 * nVars];
        _budget = effort;
        _candidates.Grow(nVars);
        foreach (var c in clauses) AddClause(c);
    }

    /// <summary>The remaining clauses (size ≥ 2).</summary>
    public IEnumerable<int[]> Clauses { get { for (int i = 0; i < _cls.Count; i++) if (!_dead[i]) yield return _cls[i]; } }
    /// <summary>Literals found true at level 0.</summary>
    public IReadOnlyList<int> Units => _units;
    /// <summary>Clauses of the eliminated variables: entries <c>[pivot, other literals..., count]</c> in elimination order.</summary>
    public List<int> ExtensionStack => _stack;
    /// <summary>Per variable: whether it was eliminated.</summary>
    public bool[] Eliminated => _eliminated;
    /// <summary>How many variables were eliminated.</summary>
    public int EliminatedCount => _eliminatedCount;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int AddClause(int[] c)
    {
        int id = _cls.Count;
        _cls.Add(c); _dead.Add(false); _sig.Add(Signature(c));
        foreach (var l in c) { _occ[l].Add(id); _occCount[l]++; }
        foreach (var l in c) Touch(l >> 1);
        _subsumeQueue.Enqueue(id);
        return id;
    }

    static ulong Signature(int[] c)
    {
        ulong s = 0;
        foreach (var l in c) s |= 1UL << ((l >> 1) & 63);
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Kill(int id)
    {
        if (_dead[id]) return;
        _dead[id] = true;
        foreach (var l in _cls[id]) { _occCount[l]--; Touch(l >> 1); }
    }

    /// <summary>Queues <paramref name="v"/> again for elimination at its new cost (its occurrences changed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Touch(int v)
    {
        if (_queueing && !_frozen[v] && !_eliminated[v]) _candidates.Set(v, -Cost(v));
    }

    /// <summary>
    /// Runs subsumption, then eliminates variables cheapest first until none is left to try or the effort is spent.
    /// Returns false when the clauses are found unsatisfiable.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Run()
    {
        if (!Subsume()) return false;
        // As in MiniSat's SimpSolver: cheapest variable first; a variable whose occurrences change is queued again.
        _queueing = true;
        for (int v = 0; v < _nVars; v++) Touch(v);
        while (_budget > 0 && _candidates.Count > 0)
        {
            int v = _candidates.Pop();
            if (_eliminated[v] || _frozen[v] || _val[2 * v] != 0) continue;
            if (!TryEliminate(v)) return false;
            if (!Subsume()) return false;
        }
        _queueing = false;
        return true;
    }

    long Cost(int v) => (long)_occCount[2 * v] * _occCount[2 * v + 1];

    /// <summary>Cleans dead clauses out of <paramref name="lit"/>'s occurrence list and returns it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    List<int> Occ(int lit)
    {
        var o = _occ[lit];
        int j = 0;
        for (int i = 0; i < o.Count; i++) if (!_dead[o[i]]) o[j++] = o[i];
        o.RemoveRange(j, o.Count - j);
        return o;
    }

    /// <summary>Backward subsumption and self-subsuming resolution for every queued clause; false on an empty clause.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool Subsume()
    {
        while (_subsumeQueue.Count > 0 && _budget > 0)
        {
            int c = _subsumeQueue.Dequeue();
            if (_dead[c]) continue;
            var cl = _cls[c];
            // The literal whose variable occurs least: every clause c subsumes or strengthens holds it or its complement.
            int best = cl[0];
            foreach (var l in cl) if (_occCount[l] + _occCount[l ^ 1] < _occCount[best] + _occCount[best ^ 1]) best = l;
            for (int side = 0; side < 2; side++)
            {
                var snapshot = _subsumeScratch; // strengthening edits the lists, so walk a copy (Subsume is not re-entered)
                snapshot.Clear(); snapshot.AddRange(Occ(best ^ side));
                foreach (int d in snapshot)
                {
                    if (d == c || _dead[d] || _dead[c]) continue;
                    var dl = _cls[d];
                    if (dl.Length < cl.Length || (_sig[c] & ~_sig[d]) != 0) continue;
                    int r = Subsumes(cl, dl);
                    if (r == -2) continue;
                    if (r == -1) { Kill(d); continue; }
                    if (!Strengthen(d, r ^ 1)) return false;
                }
            }
        }
        return true;
    }

    /// <summary>-1: <paramref name="c"/> subsumes <paramref name="d"/>; a literal l: c with l flipped subsumes d (so ¬l can go from d); -2: neither.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int Subsumes(int[] c, int[] d)
    {
        _stamp++;
        _budget -= c.Length + d.Length;
        foreach (var l in d) _mark[l] = _stamp;
        int ret = -1;
        foreach (var l in c)
        {
            if (_mark[l] == _stamp) continue;
            if (ret == -1 && _mark[l ^ 1] == _stamp) { ret = l; continue; }
            return -2;
        }
        return ret;
    }

    /// <summary>Removes <paramref name="lit"/> from clause <paramref name="d"/>; false on an empty clause.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool Strengthen(int d, int lit)
    {
        var old = _cls[d];
        var c = new int[old.Length - 1];
        int j = 0;
        foreach (var l in old) if (l != lit) c[j++] = l;
        _cls[d] = c; _sig[d] = Signature(c);
        _occ[lit].Remove(d); _occCount[lit]--;
        Touch(lit >> 1);
        if (c.Length == 1) { Kill(d); return AssignUnit(c[0]); }
        _subsumeQueue.Enqueue(d);
        return true;
    }

    /// <summary>Fixes <paramref name="lit"/> true: satisfied clauses go, the complement leaves the others. False on conflict.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool AssignUnit(int lit)
    {
        if (_val[lit] == 1) return true;
        if (_val[lit] == -1) return false;
        _val[lit] = 1; _val[lit ^ 1] = -1;
        _frozen[lit >> 1] = true;
        _units.Add(lit);
        foreach (var d in Occ(lit).ToArray()) Kill(d);
        foreach (var d in Occ(lit ^ 1).ToArray()) if (!_dead[d] && !Strengthen(d, lit ^ 1)) return false;
        return true;
    }

    /// <summary>Eliminates <paramref name="v"/> when that does not grow the formula; false on an empty resolvent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool TryEliminate(int v)
    {
        int pl = 2 * v, nl = 2 * v + 1;
        var pos = Occ(pl); var neg = Occ(nl);
        if (pos.Count > MaxOccurrences && neg.Count > MaxOccurrences) return true;
        int limit = pos.Count + neg.Count, count = 0;
        foreach (int p in pos)
            foreach (int n in neg)
            {
                if (_budget <= 0) return true;
                int size = Resolve(_cls[p], _cls[n], v, null);
                if (size < 0) continue;
                if (++count > limit || size > MaxResolventSize) return true;
            }
        // Eliminate: keep every clause of v for model extension, add the resolvents, drop the old clauses. The two
        // lists are not edited meanwhile: resolvents and units never hold v, and Kill leaves the lists alone.
        var posArr = pos; var negArr = neg;
        foreach (int p in posArr) PushExtension(_cls[p], pl);
        foreach (int n in negArr) PushExtension(_cls[n], nl);
        _eliminated[v] = true; _eliminatedCount++;
        var resolvents = new List<int[]>();
        foreach (int p in posArr)
            foreach (int n in negArr)
                if (Resolve(_cls[p], _cls[n], v, _resolvent) >= 0) resolvents.Add(_resolvent.ToArray());
        foreach (int p in posArr) Kill(p);
        foreach (int n in negArr) Kill(n);
        foreach (var r in resolvents)
        {
            if (r.Length == 0) return false;
            bool sat = false; int k = 0;
            foreach (var l in r) { if (_val[l] == 1) sat = true; else if (_val[l] == 0) r[k++] = l; }
            if (sat) continue;
            if (k == 0) return false;
            if (k == 1) { if (!AssignUnit(r[0])) return false; continue; }
            AddClause(k == r.Length ? r : r[..k]);
        }
        return true;
    }

    void PushExtension(int[] c, int pivot)
    {
        _stack.Add(pivot);
        foreach (var l in c) if (l != pivot) _stack.Add(l);
        _stack.Add(c.Length);
    }

    /// <summary>
    /// The resolvent of <paramref name="p"/> (holding v) and <paramref name="n"/> (holding ¬v) on variable
    /// <paramref name="v"/>: its size, or -1 when it is a tautology. Writes the literals to <paramref name="into"/> when given.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int Resolve(int[] p, int[] n, int v, List<int>? into)
    {
        _stamp++;
        _budget -= p.Length + n.Length;
        into?.Clear();
        int size = 0;
        foreach (var l in p)
        {
            if (l >> 1 == v) continue;
            _mark[l] = _stamp; size++;
            into?.Add(l);
        }
        foreach (var l in n)
        {
            if (l >> 1 == v || _mark[l] == _stamp) continue;
            if (_mark[l ^ 1] == _stamp) return -1;
            size++;
            into?.Add(l);
        }
        return size;
    }

    /// <summary>
    /// Extends <paramref name="model"/> (indexed by variable) to the eliminated variables of <paramref name="stack"/>:
    /// walking the stack backwards, a clause none of whose other literals is true gets its pivot set true.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Extend(List<int> stack, bool[] model)
    {
        int i = stack.Count - 1;
        while (i >= 0)
        {
            int n = stack[i], start = i - n;
            bool sat = false;
            for (int k = start + 1; k < i && !sat; k++) { int l = stack[k]; sat = model[l >> 1] != ((l & 1) != 0); }
            if (!sat) { int p = stack[start]; model[p >> 1] = (p & 1) == 0; }
            i = start - 1;
        }
    }
}
