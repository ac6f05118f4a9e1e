using System.Runtime.CompilerServices;
using Helix.Core;

namespace Helix.Aig.Sat;

/// <summary>
/// Local search for phases (ProbSAT, Balint and Schöning 2012, as CaDiCaL's "walk" rephasing uses it): from a full
/// assignment, repeatedly pick a random falsified clause and flip one of its variables, chosen with weight
/// <c>cb^-break</c> (break = clauses that the flip would falsify). The best assignment seen (fewest falsified
/// clauses) is kept; a CDCL search that takes it as its saved phases finds a model without a conflict when it
/// satisfies every clause, and otherwise starts near one. Random 3-SAT at the threshold is where this pays most:
/// a CDCL search there is a hunt whose length varies by orders of magnitude between instances.
/// </summary>
/// <remarks>
/// Literals are <c>2·var + sign</c>; a literal is true when <c>value[var] != sign</c>. Pre: every clause has at least
/// two literals over distinct variables. The work is bounded by the budget of <see cref="Run"/>; seeded.
/// </remarks>
internal sealed class Walker
{
    readonly int[] _lits, _start;       // clause i: _lits[_start[i] .. _start[i+1])
    readonly int[] _occStart, _occ;     // per literal: the clauses holding it, _occ[_occStart[l] .. _occStart[l+1])
    readonly int[] _trueCount;          // per clause: its true literals
    readonly int[] _unsat, _unsatPos;   // the falsified clauses, and each clause's position there (-1: satisfied)
    int _unsatCount;
    readonly bool[] _value, _best;      // per variable
    readonly List<int> _sinceBest = new(); // variables flipped since _best was last brought up to date
    readonly double[] _weight;          // cb^-break, by break count
    readonly SplitMix64 _rng;

    /// <summary>Best number of falsified clauses seen.</summary>
    public int BestUnsat { get; private set; }
    /// <summary>Flips made.</summary>
    public long Flips { get; private set; }
    /// <summary>Occurrence-list entries visited: the work measure of the budget (a flip on random 3-SAT costs about 30).</summary>
    public long Ticks { get; private set; }
    /// <summary>The best assignment seen, per variable (valid after <see cref="Run"/>).</summary>
    public bool[] Best => _best;

    /// <summary>
    /// Loads clauses given flat (<paramref name="lits"/>, with clause <c>i</c> from <paramref name="starts"/>[i] to
    /// <paramref name="starts"/>[i+1]) and the starting assignment <paramref name="initial"/> (copied).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Walker(int nVars, List<int> lits, List<int> starts, bool[] initial, ulong seed)
    {
        _lits = lits.ToArray(); _start = starts.ToArray();
        int nClauses = _start.Length - 1;
        _occStart = new int[2 * nVars + 1];
        foreach (var l in _lits) _occStart[l + 1]++;
        for (int l = 0; l < 2 * nVars; l++) _occStart[l + 1] += _occStart[l];
        _occ = new int[_lits.Length];
        var fill = (int[])_occStart.Clone();
        for (int c = 0; c < nClauses; c++)
            for (int k = _start[c]; k < _start[c + 1]; k++) _occ[fill[_lits[k]]++] = c;
        _value = (bool[])initial.Clone();
        _best = (bool[])initial.Clone();
        _trueCount = new int[nClauses];
        _unsat = new int[nClauses]; _unsatPos = new int[nClauses];
        for (int c = 0; c < nClauses; c++)
        {
            int t = 0;
            for (int k = _start[c]; k < _start[c + 1]; k++) if (IsTrue(_lits[k])) t++;
            _trueCount[c] = t;
            _unsatPos[c] = -1;
            if (t == 0) AddUnsat(c);
        }
        BestUnsat = _unsatCount;
        // CaDiCaL's cb by average clause length (ProbSAT's exponential break-only function).
        double avg = nClauses == 0 ? 3 : (double)_lits.Length / nClauses;
        double cb = avg <= 3 ? 2.5 : avg <= 4 ? 2.5 + 0.35 * (avg - 3) : avg <= 5 ? 2.85 + 0.85 * (avg - 4)
                  : avg <= 6 ? 3.7 + 1.4 * (avg - 5) : avg <= 7 ? 5.1 + 2.3 * (avg - 6) : 7.4;
        _weight = new double[64];
        for (int b = 0; b < _weight.Length; b++) _weight[b] = Math.Pow(cb, -b);
        _rng = new SplitMix64(seed);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    bool IsTrue(int lit) => _value[lit >> 1] != ((lit & 1) != 0);

    void AddUnsat(int c) { _unsatPos[c] = _unsatCount; _unsat[_unsatCount++] = c; }

    void RemoveUnsat(int c)
    {
        int at = _unsatPos[c], last = _unsat[--_unsatCount];
        _unsat[at] = last; _unsatPos[last] = at; _unsatPos[c] = -1;
    }

    /// <summary>
    /// Walks until every clause is satisfied or <paramref name="maxTicks"/> occurrence-list entries are visited
    /// (<see cref="Ticks"/>: so that a flip over long occurrence lists costs its share). Returns whether a
    /// satisfying assignment was found; <see cref="Best"/> holds it, or the assignment with fewest falsified clauses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Run(long maxTicks)
    {
        var candBuf = new int[16];
        var candWeight = new double[16];
        while (Ticks < maxTicks && _unsatCount > 0)
        {
            int c = _unsat[_rng.NextInt(_unsatCount)];
            int s = _start[c], n = _start[c + 1] - s;
            if (n > candBuf.Length) { candBuf = new int[2 * n]; candWeight = new double[2 * n]; }
            double sum = 0;
            for (int k = 0; k < n; k++)
            {
                int l = _lits[s + k];
                double w = _weight[Math.Min(Break(l ^ 1), _weight.Length - 1)];
                candBuf[k] = l; candWeight[k] = w; sum += w;
            }
            double r = _rng.NextDouble() * sum;
            int pick = n - 1;
            for (int k = 0; k < n - 1; k++) { r -= candWeight[k]; if (r < 0) { pick = k; break; } }
            Flip(candBuf[pick]);
            Flips++;
            if (_unsatCount < BestUnsat) SaveBest();
        }
        if (_unsatCount < BestUnsat) SaveBest();
        return BestUnsat == 0;
    }

    /// <summary>Clauses that only <paramref name="trueLit"/> (a true literal) satisfies.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    int Break(int trueLit)
    {
        int b = 0, start = _occStart[trueLit], end = _occStart[trueLit + 1];
        for (int k = start; k < end; k++) if (_trueCount[_occ[k]] == 1) b++;
        Ticks += end - start + 1;
        return b;
    }

    /// <summary>Makes the false literal <paramref name="lit"/> true.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Flip(int lit)
    {
        int v = lit >> 1;
        _value[v] = !_value[v];
        _sinceBest.Add(v);
        for (int k = _occStart[lit], end = _occStart[lit + 1]; k < end; k++)
        {
            int c = _occ[k];
            if (_trueCount[c]++ == 0) RemoveUnsat(c);
        }
        int neg = lit ^ 1;
        for (int k = _occStart[neg], end = _occStart[neg + 1]; k < end; k++)
        {
            int c = _occ[k];
            if (--_trueCount[c] == 0) AddUnsat(c);
        }
        Ticks += _occStart[lit + 1] - _occStart[lit] + _occStart[neg + 1] - _occStart[neg] + 1;
    }

    void SaveBest()
    {
        foreach (var v in _sinceBest) _best[v] = _value[v];
        _sinceBest.Clear();
        BestUnsat = _unsatCount;
    }
}
