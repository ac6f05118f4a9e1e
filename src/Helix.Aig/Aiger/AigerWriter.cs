using Helix.Core;
using System.Text;

namespace Helix.Aig.Aiger;

/// <summary>
/// Writes AIGER 1.9, ASCII or binary. Variables are numbered inputs first, then latches, then AND gates in node
/// order (which is topological), as binary AIGER requires. Files are written to a temporary sibling and renamed.
/// </summary>
public static class AigerWriter
{
    /// <summary>Writes <paramref name="g"/> to <paramref name="path"/>; binary unless the name ends in <c>.aag</c>.</summary>
    public static void WriteFile(Aignet g, string path, bool? binary = null)
    {
        bool bin = binary ?? !path.EndsWith(".aag", StringComparison.OrdinalIgnoreCase);
        AtomicFile.Write(path, (Stream s) => Write(g, s, bin));
    }

    /// <summary>The file's bytes.</summary>
    public static byte[] ToBytes(Aignet g, bool binary)
    {
        using var ms = new MemoryStream();
        Write(g, ms, binary);
        return ms.ToArray();
    }

    /// <summary>Writes <paramref name="g"/> to a stream.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Write(Aignet g, Stream stream, bool binary)
    {
        int n = g.NodeCount, I = g.InputCount, L = g.LatchCount, A = g.AndCount;
        var var = new int[n]; // node -> AIGER literal
        for (int k = 0; k < I; k++) var[g.Input(k).Id] = 2 * (k + 1);
        for (int k = 0; k < L; k++) var[g.Latch(k).Id] = 2 * (I + k + 1);
        int next = I + L + 1;
        for (int id = 1; id < n; id++) if (g.Kind(id) == AigNodeKind.And) var[id] = 2 * next++;
        int Lit(AigLit l) => var[l.Id] ^ (l.Value & 1);

        var w = new BufferedStream(stream, 1 << 16);
        void Text(string s) { var bytes = Encoding.UTF8.GetBytes(s); w.Write(bytes, 0, bytes.Length); }
        int M = I + L + A;
        bool extended = g.Bad.Count + g.Constraints.Count + g.Justice.Count + g.Fairness.Count > 0;
        var sb = new StringBuilder();
        sb.Append(binary ? "aig " : "aag ").Append(M).Append(' ').Append(I).Append(' ').Append(L).Append(' ')
          .Append(g.OutputCount).Append(' ').Append(A);
        if (extended) sb.Append(' ').Append(g.Bad.Count).Append(' ').Append(g.Constraints.Count).Append(' ').Append(g.Justice.Count).Append(' ').Append(g.Fairness.Count);
        sb.Append('\n');
        if (!binary) for (int k = 0; k < I; k++) sb.Append(2 * (k + 1)).Append('\n');
        for (int k = 0; k < L; k++)
        {
            int latchLit = 2 * (I + k + 1);
            if (!binary) sb.Append(latchLit).Append(' ');
            sb.Append(Lit(g.LatchNext(k)));
            int r = g.LatchReset(k);
            if (r == 1) sb.Append(" 1"); else if (r == -1) sb.Append(' ').Append(latchLit);
            sb.Append('\n');
        }
        for (int k = 0; k < g.OutputCount; k++) sb.Append(Lit(g.Output(k))).Append('\n');
        foreach (var b in g.Bad) sb.Append(Lit(b)).Append('\n');
        foreach (var c in g.Constraints) sb.Append(Lit(c)).Append('\n');
        foreach (var j in g.Justice) sb.Append(j.Length).Append('\n');
        foreach (var j in g.Justice) foreach (var l in j) sb.Append(Lit(l)).Append('\n');
        foreach (var f in g.Fairness) sb.Append(Lit(f)).Append('\n');
        Text(sb.ToString());
        sb.Clear();
        Span<byte> buf = stackalloc byte[10];
        for (int id = 1; id < n; id++)
        {
            if (g.Kind(id) != AigNodeKind.And) continue;
            int lhs = var[id], r0 = Lit(g.Fanin0(id)), r1 = Lit(g.Fanin1(id));
            if (r0 < r1) (r0, r1) = (r1, r0);
            if (binary)
            {
                int len = Encode((uint)(lhs - r0), buf);
                len += Encode((uint)(r0 - r1), buf[len..]);
                w.Write(buf[..len]);
            }
            else
            {
                sb.Append(lhs).Append(' ').Append(r0).Append(' ').Append(r1).Append('\n');
                if (sb.Length > 1 << 16) { Text(sb.ToString()); sb.Clear(); }
            }
        }
        Symbols(sb, 'i', g.InputNames); Symbols(sb, 'l', g.LatchNames); Symbols(sb, 'o', g.OutputNames);
        Symbols(sb, 'b', g.BadNames); Symbols(sb, 'c', g.ConstraintNames); Symbols(sb, 'j', g.JusticeNames); Symbols(sb, 'f', g.FairnessNames);
        if (g.Comments.Count > 0)
        {
            sb.Append("c\n");
            foreach (var c in g.Comments) sb.Append(c).Append('\n');
        }
        Text(sb.ToString());
        w.Flush();
    }

    static void Symbols(StringBuilder sb, char t, List<string?> names)
    {
        for (int k = 0; k < names.Count; k++)
        {
            var s = names[k];
            if (string.IsNullOrEmpty(s)) continue;
            if (s.Contains('\n')) throw new ArgumentException($"symbol name '{s}' contains a newline, which AIGER cannot store");
            sb.Append(t).Append(k).Append(' ').Append(s).Append('\n');
        }
    }

    static int Encode(uint x, Span<byte> buf)
    {
        int i = 0;
        while ((x & ~0x7fu) != 0) { buf[i++] = (byte)((x & 0x7f) | 0x80); x >>= 7; }
        buf[i++] = (byte)x;
        return i;
    }
}
