namespace Helix.Aig.Hons;

/// <summary>Function-preserving conversions between Hons-AIGs and <see cref="Aignet"/>.</summary>
public static class HonsConversions
{
    /// <summary>
    /// Builds an Aignet with one output per root. Inputs are <paramref name="inputOrder"/> when given (every variable
    /// must be listed), else the variables in first-visit order; inputs carry the variable names.
    /// </summary>
    public static Aignet ToAignet(IReadOnlyList<(string? Name, HonsAig Root)> outputs, IReadOnlyList<string>? inputOrder = null)
    {
        var g = new Aignet();
        var vars = inputOrder ?? HonsTraversal.Variables(outputs.Select(o => o.Root));
        var lits = new Dictionary<HonsAig, AigLit>(ReferenceEqualityComparer.Instance);
        if (outputs.Count > 0)
        {
            var t = outputs[0].Root.Table;
            foreach (var v in vars) lits[t.Var(v)] = g.AddInput(v);
        }
        foreach (var n in HonsTraversal.PostOrder(outputs.Select(o => o.Root), lits.ContainsKey))
        {
            lits[n] = n.Kind switch
            {
                HonsKind.False => AigLit.False,
                HonsKind.True => AigLit.True,
                HonsKind.Var => throw new ArgumentException($"variable '{n.Name}' is not in the input order"),
                HonsKind.Not => !lits[n.Left!],
                _ => g.And(lits[n.Left!], lits[n.Right!]),
            };
        }
        foreach (var (name, root) in outputs) g.AddOutput(lits[root], name);
        return g;
    }

    /// <summary>
    /// One Hons-AIG per output of <paramref name="g"/>. Inputs become variables named as in the network, or
    /// <c>i{k}</c> when unnamed; latch outputs become variables <c>l{k}</c> (or their names).
    /// </summary>
    public static HonsAig[] FromAignet(Aignet g, HonsTable table)
    {
        var map = new HonsAig[g.NodeCount];
        map[0] = table.False;
        for (int id = 1; id < g.NodeCount; id++)
        {
            switch (g.Kind(id))
            {
                case AigNodeKind.Input: map[id] = table.Var(InputName(g, g.CiIndex(id))); break;
                case AigNodeKind.Latch: map[id] = table.Var(g.LatchNames[g.CiIndex(id)] ?? "l" + g.CiIndex(id)); break;
                default: map[id] = table.And(Lit(map, g.Fanin0(id)), Lit(map, g.Fanin1(id))); break;
            }
        }
        var r = new HonsAig[g.OutputCount];
        for (int o = 0; o < r.Length; o++) r[o] = Lit(map, g.Output(o));
        return r;
    }

    /// <summary>The variable name <see cref="FromAignet"/> uses for input <paramref name="index"/>.</summary>
    public static string InputName(Aignet g, int index) => g.InputNames[index] ?? "i" + index;

    static HonsAig Lit(HonsAig[] map, AigLit l) => l.IsNegated ? !map[l.Id] : map[l.Id];
}
