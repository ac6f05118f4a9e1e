namespace Helix.Aig.Tests.Support;

/// <summary>Single-gate mutations for CEC tests.</summary>
public static class Mutation
{
    /// <summary>A copy of <paramref name="g"/> with the first fanin of its <paramref name="k"/>-th AND negated.</summary>
    public static Aignet NegateFanin(Aignet g, int k)
    {
        var r = new Aignet();
        var map = new int[g.NodeCount];
        int seen = 0;
        for (int id = 1; id < g.NodeCount; id++)
        {
            switch (g.Kind(id))
            {
                case AigNodeKind.Input: map[id] = r.AddInput(g.InputNames[g.CiIndex(id)]).Value; break;
                case AigNodeKind.Latch: map[id] = r.AddLatch(g.LatchNames[g.CiIndex(id)]).Value; break;
                default:
                    var a = new AigLit(map[g.Fanin0(id).Id] ^ (g.Fanin0(id).Value & 1));
                    var b = new AigLit(map[g.Fanin1(id).Id] ^ (g.Fanin1(id).Value & 1));
                    if (seen++ == k) a = !a;
                    map[id] = r.And(a, b).Value;
                    break;
            }
        }
        for (int l = 0; l < g.LatchCount; l++) r.SetLatchNext(l, new AigLit(map[g.LatchNext(l).Id] ^ (g.LatchNext(l).Value & 1)));
        for (int o = 0; o < g.OutputCount; o++) r.AddOutput(new AigLit(map[g.Output(o).Id] ^ (g.Output(o).Value & 1)), g.OutputNames[o]);
        return r;
    }
}
