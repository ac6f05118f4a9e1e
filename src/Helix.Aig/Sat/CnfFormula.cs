namespace Helix.Aig.Sat;

/// <summary>A CNF formula: clauses of <see cref="SatLit"/> in one flat array with start offsets.</summary>
public sealed class CnfFormula
{
    readonly List<int> _lits = new();
    readonly List<int> _starts = new() { 0 };

    /// <summary>Number of variables (at least one more than the largest variable used).</summary>
    public int VarCount { get; set; }
    /// <summary>Number of clauses.</summary>
    public int ClauseCount => _starts.Count - 1;
    /// <summary>Comment lines written before the DIMACS header.</summary>
    public List<string> Comments { get; } = new();

    /// <summary>Adds one clause (grows <see cref="VarCount"/> as needed).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void AddClause(ReadOnlySpan<SatLit> clause)
    {
        foreach (var l in clause)
        {
            if (l.Value < 0) throw new ArgumentException("negative literal value");
            _lits.Add(l.Value);
            if (l.Var >= VarCount) VarCount = l.Var + 1;
        }
        _starts.Add(_lits.Count);
    }

    /// <summary>Adds one clause.</summary>
    public void AddClause(params SatLit[] clause) => AddClause(clause.AsSpan());

    /// <summary>The literals of clause <paramref name="i"/>.</summary>
    public ReadOnlySpan<SatLit> Clause(int i) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<int, SatLit>(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_lits)[_starts[i].._starts[i + 1]]);

    /// <summary>Whether every clause has a true literal under <paramref name="model"/> (indexed by variable).</summary>
    public bool IsSatisfiedBy(IReadOnlyList<bool> model)
    {
        for (int i = 0; i < ClauseCount; i++)
        {
            bool sat = false;
            foreach (var l in Clause(i)) if (l.Var < model.Count && model[l.Var] != l.IsNegated) { sat = true; break; }
            if (!sat) return false;
        }
        return true;
    }

    /// <summary>A solver loaded with this formula.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public CdclSolver ToSolver(SolverOptions? options = null)
    {
        var s = new CdclSolver(options);
        s.EnsureVars(VarCount);
        for (int i = 0; i < ClauseCount; i++) s.AddClause(Clause(i));
        return s;
    }
}
