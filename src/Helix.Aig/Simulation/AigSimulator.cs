using Helix.Core;
using System.Runtime.Intrinsics;

namespace Helix.Aig.Simulation;

/// <summary>
/// Bit-parallel simulation: 64 patterns per word, many words per node, over flat arrays. Random, exhaustive and
/// sequential (over frames, through latches).
/// </summary>
public static class AigSimulator
{
    /// <summary>Largest input count <see cref="Exhaustive"/> accepts (2^24 patterns).</summary>
    public const int MaxExhaustiveInputs = 24;

    /// <summary>Random simulation: every input and latch output gets random words from <paramref name="seed"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static SimulationPatterns Random(Aignet g, int words, ulong seed)
    {
        if (words < 1) throw new ArgumentOutOfRangeException(nameof(words), words, "need at least one word");
        var s = new SimulationPatterns(g.NodeCount, words);
        Randomize(g, s, seed);
        return s;
    }

    /// <summary>
    /// Refills <paramref name="s"/> in place: random words for every input and latch output from
    /// <paramref name="seed"/>, then propagation. Allocates nothing, so repeated rounds reuse one buffer.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Randomize(Aignet g, SimulationPatterns s, ulong seed)
    {
        if (s.Values.Length < (long)g.NodeCount * s.Words) throw new ArgumentException("the pattern buffer is smaller than the network");
        ulong rng = seed;
        for (int k = 0; k < g.InputCount; k++) Fill(s.Node(g.Input(k).Id), ref rng);
        for (int k = 0; k < g.LatchCount; k++) Fill(s.Node(g.Latch(k).Id), ref rng);
        Propagate(g, s);
    }

    /// <summary>
    /// Every input combination once: pattern <c>p</c> sets input <c>k</c> to bit <c>k</c> of <c>p</c>. Latch outputs
    /// count as inputs after the primary inputs.
    /// </summary>
    public static SimulationPatterns Exhaustive(Aignet g)
    {
        int k = g.InputCount + g.LatchCount;
        if (k > MaxExhaustiveInputs) throw new ArgumentException($"exhaustive simulation needs at most {MaxExhaustiveInputs} inputs and latches, the network has {k}; use random simulation");
        int words = k <= 6 ? 1 : 1 << (k - 6);
        var s = new SimulationPatterns(g.NodeCount, words);
        for (int i = 0; i < k; i++)
        {
            var node = s.Node(i < g.InputCount ? g.Input(i).Id : g.Latch(i - g.InputCount).Id);
            for (int w = 0; w < words; w++) node[w] = ExhaustiveWord(i, w);
        }
        Propagate(g, s);
        return s;
    }

    /// <summary>Word <paramref name="w"/> of input <paramref name="i"/> in exhaustive order.</summary>
    internal static ulong ExhaustiveWord(int i, int w)
    {
        if (i < 6)
        {
            ulong m = 0;
            for (int b = 0; b < 64; b++) if (((b >> i) & 1) != 0) m |= 1UL << b;
            return m;
        }
        return ((w >> (i - 6)) & 1) != 0 ? ~0UL : 0UL;
    }

    /// <summary>
    /// Sequential simulation over <paramref name="frames"/> frames: latches start at their reset values
    /// (uninitialized ones random), inputs are random each frame. Returns output words per frame:
    /// <c>[frame][output·words + w]</c>.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static ulong[][] Sequential(Aignet g, int frames, int words, ulong seed)
    {
        var s = new SimulationPatterns(g.NodeCount, words);
        ulong rng = seed;
        for (int k = 0; k < g.LatchCount; k++)
        {
            var node = s.Node(g.Latch(k).Id);
            int r = g.LatchReset(k);
            if (r == -1) Fill(node, ref rng); else node.Fill(r == 1 ? ~0UL : 0UL);
        }
        var result = new ulong[frames][];
        var next = new ulong[g.LatchCount * words];
        var inputIds = Enumerable.Range(0, g.InputCount).Select(k => g.Input(k).Id).ToArray();
        for (int f = 0; f < frames; f++)
        {
            foreach (int id in inputIds) Fill(s.Node(id), ref rng);
            Propagate(g, s);
            var outs = result[f] = new ulong[g.OutputCount * words];
            for (int o = 0; o < g.OutputCount; o++) CopyLiteral(s, g.Output(o), outs.AsSpan(o * words, words));
            for (int k = 0; k < g.LatchCount; k++) CopyLiteral(s, g.LatchNext(k), next.AsSpan(k * words, words));
            for (int k = 0; k < g.LatchCount; k++) next.AsSpan(k * words, words).CopyTo(s.Node(g.Latch(k).Id));
        }
        return result;
    }

    /// <summary>
    /// Recomputes every AND node from the input and latch words already in <paramref name="s"/>.
    /// Pre: the node count of <paramref name="s"/> covers <paramref name="g"/>. Allocates nothing.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Propagate(Aignet g, SimulationPatterns s)
    {
        int words = s.Words, n = g.NodeCount;
        var kind = g.KindSpan; var f0 = g.Fanin0Span; var f1 = g.Fanin1Span;
        fixed (ulong* v = s.Values)
        {
            new Span<ulong>(v, words).Clear(); // constant node
            for (int id = 1; id < n; id++)
            {
                if (kind[id] != (byte)AigNodeKind.And) continue;
                int a = f0[id], b = f1[id];
                ulong ma = 0UL - (ulong)(a & 1), mb = 0UL - (ulong)(b & 1);
                ulong* pa = v + (long)(a >> 1) * words, pb = v + (long)(b >> 1) * words, pd = v + (long)id * words;
                int w = 0;
                if (Vector256.IsHardwareAccelerated && words >= 4)
                {
                    var va = Vector256.Create(ma); var vb = Vector256.Create(mb);
                    for (; w <= words - 4; w += 4)
                        Vector256.Store((Vector256.Load(pa + w) ^ va) & (Vector256.Load(pb + w) ^ vb), pd + w);
                }
                for (; w < words; w++) pd[w] = (pa[w] ^ ma) & (pb[w] ^ mb);
            }
        }
    }

    /// <summary>Copies the words of a literal (complemented when negated) into <paramref name="dst"/>.</summary>
    static void CopyLiteral(SimulationPatterns s, AigLit lit, Span<ulong> dst)
    {
        s.Node(lit.Id).CopyTo(dst);
        if (!lit.IsNegated) return;
        int w = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; w <= dst.Length - 4; w += 4)
                Vector256.StoreUnsafe(~Vector256.LoadUnsafe(ref dst[w]), ref dst[w]);
        for (; w < dst.Length; w++) dst[w] = ~dst[w];
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    static void Fill(Span<ulong> words, ref ulong rng)
    {
        var local = rng; // a register copy: no store through the reference per word
        for (int w = 0; w < words.Length; w++) words[w] = SplitMix64.Next(ref local);
        rng = local;
    }

    /// <summary>Evaluates every output for one input vector (inputs then latch values): the slow, obvious reference.</summary>
    public static bool[] EvaluateOne(Aignet g, IReadOnlyList<bool> inputs, IReadOnlyList<bool>? latches = null)
    {
        if (inputs.Count != g.InputCount) throw new ArgumentException($"expected {g.InputCount} input values, got {inputs.Count}");
        var val = new bool[g.NodeCount];
        for (int id = 1; id < g.NodeCount; id++)
        {
            val[id] = g.Kind(id) switch
            {
                AigNodeKind.Input => inputs[g.CiIndex(id)],
                AigNodeKind.Latch => latches != null ? latches[g.CiIndex(id)] : g.LatchReset(g.CiIndex(id)) == 1,
                _ => (val[g.Fanin0(id).Id] ^ g.Fanin0(id).IsNegated) && (val[g.Fanin1(id).Id] ^ g.Fanin1(id).IsNegated),
            };
        }
        var r = new bool[g.OutputCount];
        for (int o = 0; o < r.Length; o++) r[o] = val[g.Output(o).Id] ^ g.Output(o).IsNegated;
        return r;
    }

    /// <summary>
    /// How many of the first <paramref name="patterns"/> patterns of <paramref name="s"/> set each output of
    /// <paramref name="g"/> to 1 (<paramref name="patterns"/> ≤ 64·words; fewer for exhaustive runs of few inputs).
    /// </summary>
    public static long[] CountOutputOnes(Aignet g, SimulationPatterns s, long patterns)
    {
        if (patterns < 0 || patterns > 64L * s.Words) throw new ArgumentOutOfRangeException(nameof(patterns), patterns, $"must be between 0 and {64L * s.Words}");
        var ones = new long[g.OutputCount];
        for (int o = 0; o < g.OutputCount; o++)
            for (int k = 0; k < s.Words && 64L * k < patterns; k++)
            {
                ulong word = s.Word(g.Output(o), k);
                long left = patterns - 64L * k;
                if (left < 64) word &= (1UL << (int)left) - 1;
                ones[o] += System.Numerics.BitOperations.PopCount(word);
            }
        return ones;
    }

    /// <summary>How many patterns set each output to 1, summed over the frames of <see cref="Sequential"/>.</summary>
    public static long[] CountOutputOnes(IReadOnlyList<ulong[]> frames, int outputs, int words)
    {
        var ones = new long[outputs];
        foreach (var frame in frames)
        {
            if (frame.Length != outputs * words) throw new ArgumentException($"a frame has {frame.Length} words, expected {outputs}·{words}", nameof(frames));
            for (int o = 0; o < outputs; o++)
                for (int k = 0; k < words; k++) ones[o] += System.Numerics.BitOperations.PopCount(frame[o * words + k]);
        }
        return ones;
    }
}
