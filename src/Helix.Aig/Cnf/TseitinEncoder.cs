using Helix.Aig.Sat;

namespace Helix.Aig.Cnf;

/// <summary>Options of <see cref="TseitinEncoder"/>.</summary>
public sealed record TseitinOptions
{
    /// <summary>Collapse trees of single-fanout, non-negated ANDs into one multi-input AND (fewer variables and clauses).</summary>
    public bool CollapseAnds { get; init; } = true;
}

/// <summary>
/// Tseitin CNF over the cone of influence of chosen literals. A multi-input AND <c>n = l1·…·lk</c> gives clauses
/// <c>(!n ∨ li)</c> and <c>(n ∨ !l1 ∨ … ∨ !lk)</c>. Latch outputs are free variables (one frame).
/// </summary>
public static class TseitinEncoder
{
    /// <summary>Encodes the cone of <paramref name="roots"/>; nothing is asserted.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static AigCnf Encode(Aignet g, IReadOnlyList<AigLit> roots, TseitinOptions? options = null)
    {
        bool collapse = (options ?? new TseitinOptions()).CollapseAnds;
        int n = g.NodeCount;
        var kind = g.KindSpan; var f0 = g.Fanin0Span; var f1 = g.Fanin1Span;
        // 1. Cone and fanout counts.
        var refs = new int[n];
        var inCone = new bool[n];
        var stack = new Stack<int>();
        foreach (var r in roots) { refs[r.Id] += 2; if (!inCone[r.Id]) { inCone[r.Id] = true; stack.Push(r.Id); } }
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (kind[id] != (byte)AigNodeKind.And) continue;
            for (int side = 0; side < 2; side++)
            {
                int l = side == 0 ? f0[id] : f1[id], c = l >> 1;
                refs[c] += (l & 1) != 0 ? 2 : 1; // a negated edge forces a variable
                if (!inCone[c]) { inCone[c] = true; stack.Push(c); }
            }
        }
        // 2. Visible nodes (those needing a variable), top-down, with each visible AND's leaves.
        var visible = new bool[n];
        foreach (var r in roots) visible[r.Id] = true;
        var leaves = new List<int>[n];
        var scratch = new Stack<int>();
        for (int id = n - 1; id > 0; id--)
        {
            if (!visible[id] || kind[id] != (byte)AigNodeKind.And) continue;
            var ls = leaves[id] = new List<int>();
            scratch.Push(f1[id]); scratch.Push(f0[id]);
            while (scratch.Count > 0)
            {
                int l = scratch.Pop(), c = l >> 1;
                if (collapse && (l & 1) == 0 && kind[c] == (byte)AigNodeKind.And && refs[c] == 1 && !visible[c])
                {
                    scratch.Push(f1[c]); scratch.Push(f0[c]);
                }
                else { ls.Add(l); visible[c] = true; }
            }
        }
        // 3. Variables in node order, then clauses.
        var nodeVar = new int[n];
        Array.Fill(nodeVar, -1);
        var cnf = new CnfFormula();
        int vars = 0;
        for (int id = 0; id < n; id++) if (visible[id]) nodeVar[id] = vars++;
        cnf.VarCount = vars;
        if (visible[0]) cnf.AddClause(SatLit.Of(nodeVar[0], true));
        var big = new List<SatLit>();
        for (int id = 1; id < n; id++)
        {
            if (!visible[id] || kind[id] != (byte)AigNodeKind.And) continue;
            var out0 = SatLit.Of(nodeVar[id]);
            big.Clear(); big.Add(out0);
            foreach (int l in leaves[id]!)
            {
                var sl = SatLit.Of(nodeVar[l >> 1], (l & 1) != 0);
                cnf.AddClause(!out0, sl);
                big.Add(!sl);
            }
            cnf.AddClause(big.ToArray());
        }
        return new AigCnf(cnf, nodeVar);
    }

    /// <summary>
    /// CNF that is satisfiable exactly when some chosen output (all when null) can be 1; its models give the input
    /// vectors that make one true.
    /// </summary>
    public static AigCnf OutputCanBeOne(Aignet g, IReadOnlyList<int>? outputs = null, TseitinOptions? options = null)
    {
        var outs = (outputs ?? Enumerable.Range(0, g.OutputCount).ToList()).Select(g.Output).ToList();
        var enc = Encode(g, outs, options);
        enc.Formula.AddClause(outs.Select(enc.Lit).ToArray());
        return enc;
    }
}
