namespace Helix.Aig;

/// <summary>Logic levels of an <see cref="Aignet"/>: inputs and latches at level 0, an AND one above its deeper fanin.</summary>
internal static class AignetLevels
{
    /// <summary>The level of every node.</summary>
    public static int[] Levels(Aignet g)
    {
        var level = new int[g.NodeCount];
        var kind = g.KindSpan; var f0 = g.Fanin0Span; var f1 = g.Fanin1Span;
        for (int id = 1; id < g.NodeCount; id++)
            if (kind[id] == (byte)AigNodeKind.And)
                level[id] = 1 + Math.Max(level[f0[id] >> 1], level[f1[id] >> 1]);
        return level;
    }

    /// <summary>The deepest level among the outputs and next-state functions (0 when there are none).</summary>
    public static int Depth(Aignet g)
    {
        var level = Levels(g);
        int max = 0;
        for (int o = 0; o < g.OutputCount; o++) max = Math.Max(max, level[g.Output(o).Id]);
        for (int k = 0; k < g.LatchCount; k++) max = Math.Max(max, level[g.LatchNext(k).Id]);
        return max;
    }
}
