namespace Helix.Aig;

/// <summary>Copy, cone of influence and compaction of an <see cref="Aignet"/>; each rebuilds a fresh network.</summary>
internal static class AignetTransforms
{
    public static Aignet Copy(Aignet g)
    {
        var r = new Aignet();
        r.Reserve(g.NodeCount);
        var map = new int[g.NodeCount];
        for (int id = 1; id < g.NodeCount; id++)
        {
            switch (g.Kind(id))
            {
                case AigNodeKind.Input: map[id] = r.AddInput(g.InputNames[g.CiIndex(id)]).Value; break;
                case AigNodeKind.Latch:
                    int li = g.CiIndex(id);
                    map[id] = r.AddLatch(g.LatchNames[li], g.LatchReset(li)).Value;
                    break;
                default:
                    map[id] = 2 * r.AddAndRaw(Map(map, g.Fanin0(id)).Value, Map(map, g.Fanin1(id)).Value);
                    break;
            }
        }
        FinishOutputs(g, r, map, Enumerable.Range(0, g.OutputCount), Enumerable.Range(0, g.LatchCount), true);
        return r;
    }

    public static Aignet Compact(Aignet g) => Rebuild(g, Enumerable.Range(0, g.OutputCount).ToArray(), keepProperties: true);

    public static Aignet ConeOfInfluence(Aignet g, IReadOnlyList<int>? outputs)
    {
        if (outputs == null) return Rebuild(g, Enumerable.Range(0, g.OutputCount).ToArray(), keepProperties: true);
        foreach (var o in outputs)
            if (o < 0 || o >= g.OutputCount) throw new ArgumentOutOfRangeException(nameof(outputs), o, $"output index out of range 0..{g.OutputCount - 1}");
        return Rebuild(g, outputs, keepProperties: false);
    }

    /// <summary>Rebuilds the logic reachable from the chosen outputs (and properties), inputs first, then latches, then ANDs.</summary>
    static Aignet Rebuild(Aignet g, IReadOnlyList<int> outputs, bool keepProperties)
    {
        var mark = new bool[g.NodeCount];
        var stack = new Stack<int>();
        void Root(AigLit l) { if (!mark[l.Id]) { mark[l.Id] = true; stack.Push(l.Id); } }
        foreach (var o in outputs) Root(g.Output(o));
        if (keepProperties) foreach (var l in Properties(g)) Root(l);
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            var kind = g.Kind(id);
            if (kind == AigNodeKind.And) { Root(g.Fanin0(id)); Root(g.Fanin1(id)); }
            else if (kind == AigNodeKind.Latch) Root(g.LatchNext(g.CiIndex(id)));
        }
        var r = new Aignet();
        var map = new int[g.NodeCount];
        for (int i = 0; i < g.InputCount; i++) map[g.Input(i).Id] = r.AddInput(g.InputNames[i]).Value;
        var keptLatches = new List<int>();
        for (int i = 0; i < g.LatchCount; i++)
        {
            int id = g.Latch(i).Id;
            if (!mark[id]) continue;
            keptLatches.Add(i);
            map[id] = r.AddLatch(g.LatchNames[i], g.LatchReset(i)).Value;
        }
        for (int id = 1; id < g.NodeCount; id++)
            if (mark[id] && g.Kind(id) == AigNodeKind.And)
                map[id] = r.AddAndRaw(Map(map, g.Fanin0(id)).Value, Map(map, g.Fanin1(id)).Value) * 2;
        FinishOutputs(g, r, map, outputs, keptLatches, keepProperties);
        return r;
    }

    static IEnumerable<AigLit> Properties(Aignet g) =>
        g.Bad.Concat(g.Constraints).Concat(g.Justice.SelectMany(j => j)).Concat(g.Fairness);

    static void FinishOutputs(Aignet g, Aignet r, int[] map, IEnumerable<int> outputs, IEnumerable<int> latches, bool keepProperties)
    {
        int k = 0;
        foreach (var i in latches) { r.SetLatchNext(k++, Map(map, g.LatchNext(i))); }
        foreach (var o in outputs) r.AddOutput(Map(map, g.Output(o)), g.OutputNames[o]);
        if (keepProperties) r.CopyMetadataFrom(g, l => Map(map, l));
    }

    static AigLit Map(int[] map, AigLit l) => new(map[l.Id] ^ (l.Value & 1));
}
