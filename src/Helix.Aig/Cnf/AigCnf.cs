using Helix.Aig.Sat;

namespace Helix.Aig.Cnf;

/// <summary>A Tseitin encoding of part of an <see cref="Aignet"/> and its node-to-variable map.</summary>
public sealed class AigCnf
{
    internal AigCnf(CnfFormula formula, int[] nodeVar) { Formula = formula; NodeVar = nodeVar; }

    /// <summary>The clauses.</summary>
    public CnfFormula Formula { get; }
    /// <summary>SAT variable of each node, or -1 for nodes without one (outside the cone, or inside a collapsed AND).</summary>
    public int[] NodeVar { get; }

    /// <summary>The SAT literal of an AIG literal whose node has a variable.</summary>
    public SatLit Lit(AigLit l)
    {
        int v = NodeVar[l.Id];
        if (v < 0) throw new ArgumentException($"node {l.Id} has no SAT variable (it is outside the encoded cone or inside a collapsed AND)");
        return SatLit.Of(v, l.IsNegated);
    }

    /// <summary>Input values of a model (false for inputs outside the cone).</summary>
    public bool[] InputValues(Aignet g, IReadOnlyList<bool> model)
    {
        var r = new bool[g.InputCount];
        for (int k = 0; k < r.Length; k++) { int v = NodeVar[g.Input(k).Id]; r[k] = v >= 0 && model[v]; }
        return r;
    }
}
