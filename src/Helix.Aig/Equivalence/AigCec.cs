using System.Diagnostics;
using Helix.Aig.Sat;
using Helix.Aig.Simulation;

namespace Helix.Aig.Equivalence;

/// <summary>
/// Combinational equivalence checking of two AIGs. Builds a miter over shared inputs, looks for a counterexample
/// by random simulation, proves internal equivalences by SAT sweeping, then proves or refutes each output pair.
/// Latches are cut: latch outputs are extra inputs and next-state functions are extra output pairs, matched by order.
/// </summary>
public static class AigCec
{
    /// <summary>
    /// Checks <paramref name="a"/> against <paramref name="b"/>: random simulation, then sweeping rounds with
    /// rising conflict limits, each on the network the last one reduced, trying the output pairs after each round.
    /// Post: a counterexample has been re-checked by simulating both networks.
    /// </summary>
    /// <param name="a">The first network (its input order names counterexamples).</param>
    /// <param name="b">The second network.</param>
    /// <param name="options">Settings (validated; null: defaults).</param>
    /// <param name="progress">Receives nodes swept per round (null: nobody listens).</param>
    /// <param name="cancel">Stops the check with <see cref="OperationCanceledException"/>.</param>
    public static CecResult Run(Aignet a, Aignet b, CecOptions? options = null, IProgress<SweepProgress>? progress = null, CancellationToken cancel = default)
    {
        var opt = (options ?? new CecOptions()).Validate();
        var clock = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (opt.TimeLimit is { } t) limit.CancelAfter(t);
        var token = limit.Token;
        var (m, pairs) = BuildMiter(a, b, opt.Match, out var inputOfB);
        var counters = new SweepCounters();
        FraigStats Stats() => counters.ToStats(m.AndCount, -1, clock.Elapsed);

        // 1. Random simulation.
        if (opt.SimulationWords > 0)
        {
            var ci = new AigLit[m.InputCount];
            for (int k = 0; k < ci.Length; k++) ci[k] = m.Input(k);
            var sim = AigSimulator.Random(m, opt.SimulationWords, opt.Sweep.Seed ^ 0xC0FFEE);
            foreach (var (x, y, o, name) in pairs)
                for (int w = 0; w < sim.Words; w++)
                {
                    ulong diff = sim.Word(x, w) ^ sim.Word(y, w);
                    if (diff == 0) continue;
                    int pattern = w * 64 + System.Numerics.BitOperations.TrailingZeroCount(diff);
                    var cex = new bool[ci.Length];
                    for (int k = 0; k < ci.Length; k++) cex[k] = sim.Value(ci[k], pattern);
                    return Refuted(a, b, inputOfB, cex, o, name, pairs.Count, 0, Stats(), clock);
                }
        }
        // 2. Sweeping rounds; the output pairs still open after a round become the outputs of the next round's network.
        var net = m;
        var open = pairs.Select((p, i) => (X: p.X, Y: p.Y, Pair: i)).ToList();
        long conflictLimit = opt.Sweep.ConflictLimit;
        int bySweep = 0;
        for (int round = 0; round < opt.Rounds && !token.IsCancellationRequested; round++)
        {
            counters.Rounds++;
            var sweepOptions = opt.Sweep with { ConflictLimit = conflictLimit, Seed = opt.Sweep.Seed + (ulong)round };
            var sweeper = new SatSweeper(net, sweepOptions, counters, progress, round, token);
            sweeper.Run();
            if (token.IsCancellationRequested) break;
            bool last = round == opt.Rounds - 1;
            long outputLimit = last ? opt.OutputConflictLimit : conflictLimit;
            var still = new List<(AigLit X, AigLit Y, int Pair)>();
            foreach (var (x, y, i) in open)
            {
                AigLit mx = sweeper.Map(x), my = sweeper.Map(y);
                if (mx == my) { bySweep++; continue; }
                var r = sweeper.ProveEqual(mx, my, outputLimit);
                if (r == SatResult.Satisfiable)
                {
                    var (_, _, o, name) = pairs[i];
                    return Refuted(a, b, inputOfB, sweeper.CounterexampleInputs(), o, name, pairs.Count, bySweep, Stats(), clock);
                }
                if (r == SatResult.Unknown) still.Add((mx, my, i));
                if (token.IsCancellationRequested) break;
            }
            if (token.IsCancellationRequested) break;
            if (still.Count == 0) return new CecResult(CecStatus.Equivalent, null, -1, null, pairs.Count, bySweep, Stats(), clock.Elapsed);
            // The reduced network keeps every input in order, so counterexamples stay in the miter's input order.
            var reduced = sweeper.Result;
            foreach (var (x, y, _) in still) { reduced.AddOutput(x); reduced.AddOutput(y); }
            net = reduced.Compact();
            open = still.Select((p, k) => (net.Output(2 * k), net.Output(2 * k + 1), p.Pair)).ToList();
            conflictLimit = Math.Max(1, conflictLimit) * opt.ConflictLimitGrowth;
        }
        cancel.ThrowIfCancellationRequested();
        return new CecResult(CecStatus.Undecided, null, -1, null, pairs.Count, bySweep, Stats(), clock.Elapsed);
    }

    /// <summary>
    /// Both networks over shared inputs (a's inputs, then a's latch outputs as inputs) and the literal pairs to
    /// compare: outputs matched as asked, then next states by latch order.
    /// </summary>
    internal static (Aignet Miter, List<(AigLit X, AigLit Y, int Output, string? Name)> Pairs) BuildMiter(Aignet a, Aignet b, CecMatch match, out int[] inputOfB)
    {
        var (inB, outputPairs) = Match(a, b, match);
        inputOfB = inB;
        var m = new Aignet();
        m.Reserve(a.NodeCount + b.NodeCount);
        var ci = new AigLit[a.InputCount + a.LatchCount];
        for (int k = 0; k < a.InputCount; k++) ci[k] = m.AddInput(a.InputNames[k]);
        for (int k = 0; k < a.LatchCount; k++) ci[a.InputCount + k] = m.AddInput(a.LatchNames[k]);
        var mapA = CopyInto(m, a, k => ci[k], k => ci[a.InputCount + k]);
        var mapB = CopyInto(m, b, k => ci[inB[k]], k => ci[a.InputCount + k]);
        var pairs = new List<(AigLit X, AigLit Y, int Output, string? Name)>();
        foreach (var (oa, ob) in outputPairs)
            pairs.Add((Lit(mapA, a.Output(oa)), Lit(mapB, b.Output(ob)), oa, a.OutputNames[oa]));
        for (int k = 0; k < a.LatchCount; k++)
            pairs.Add((Lit(mapA, a.LatchNext(k)), Lit(mapB, b.LatchNext(k)), a.OutputCount + k, "next state of latch " + k));
        return (m, pairs);
    }

    static CecResult Refuted(Aignet a, Aignet b, int[] inputOfB, bool[] cex, int output, string? name, int pairs, int bySweep, FraigStats stats, Stopwatch clock)
    {
        // Re-check by simulating both original networks on the vector.
        var inA = cex.Take(a.InputCount).ToArray();
        var latches = cex.Skip(a.InputCount).ToArray();
        var inB = new bool[b.InputCount];
        for (int k = 0; k < inB.Length; k++) inB[k] = cex[inputOfB[k]];
        if (!Differs(a, b, inA, inB, latches))
            throw new InvalidOperationException("internal error: a counterexample failed its re-check by simulation");
        return new CecResult(CecStatus.NotEquivalent, cex, output, name, pairs, bySweep, stats, clock.Elapsed);
    }

    /// <summary>Whether the networks disagree on some output or next state for this input vector (latches as given).</summary>
    public static bool Differs(Aignet a, Aignet b, bool[] inputsA, bool[] inputsB, bool[] latchValues, CecMatch match = CecMatch.Auto)
    {
        var (_, outputPairs) = Match(a, b, match);
        var oa = EvaluateWithNext(a, inputsA, latchValues);
        var ob = EvaluateWithNext(b, inputsB, latchValues);
        foreach (var (x, y) in outputPairs) if (oa[x] != ob[y]) return true;
        for (int k = 0; k < a.LatchCount; k++) if (oa[a.OutputCount + k] != ob[b.OutputCount + k]) return true;
        return false;
    }

    static bool[] EvaluateWithNext(Aignet g, bool[] inputs, bool[] latches)
    {
        var h = g.Copy();
        for (int k = 0; k < g.LatchCount; k++) h.AddOutput(g.LatchNext(k));
        return AigSimulator.EvaluateOne(h, inputs, latches.Length == g.LatchCount ? latches : new bool[g.LatchCount]);
    }

    static AigLit Lit(int[] map, AigLit l) => new(map[l.Id] ^ (l.Value & 1));

    static int[] CopyInto(Aignet dst, Aignet src, Func<int, AigLit> input, Func<int, AigLit> latch)
    {
        var map = new int[src.NodeCount];
        for (int id = 1; id < src.NodeCount; id++)
        {
            map[id] = src.Kind(id) switch
            {
                AigNodeKind.Input => input(src.CiIndex(id)).Value,
                AigNodeKind.Latch => latch(src.CiIndex(id)).Value,
                _ => dst.And(Lit(map, src.Fanin0(id)), Lit(map, src.Fanin1(id))).Value,
            };
        }
        return map;
    }

    /// <summary>Pairs inputs (for each input of b, the input of a) and outputs (a's index, b's index).</summary>
    internal static (int[] InputOfB, List<(int A, int B)> Outputs) Match(Aignet a, Aignet b, CecMatch match)
    {
        if (a.InputCount != b.InputCount)
            throw new ArgumentException($"the networks have different input counts ({a.InputCount} and {b.InputCount})");
        if (a.OutputCount != b.OutputCount)
            throw new ArgumentException($"the networks have different output counts ({a.OutputCount} and {b.OutputCount})");
        if (a.LatchCount != b.LatchCount)
            throw new ArgumentException($"the networks have different latch counts ({a.LatchCount} and {b.LatchCount}); CEC cuts latches and pairs them by order");
        bool named = AllNamed(a.InputNames) && AllNamed(b.InputNames) && AllNamed(a.OutputNames) && AllNamed(b.OutputNames)
                     && SameNames(a.InputNames, b.InputNames) && SameNames(a.OutputNames, b.OutputNames);
        if (match == CecMatch.Name && !named)
            throw new ArgumentException("matching by name needs every input and output of both networks named, with the same names on both sides; use order matching");
        var inputOfB = new int[b.InputCount];
        var outputs = new List<(int, int)>();
        if (match != CecMatch.Order && named)
        {
            var ia = Index(a.InputNames); var oa = Index(a.OutputNames);
            for (int k = 0; k < b.InputCount; k++) inputOfB[k] = ia[b.InputNames[k]!];
            for (int k = 0; k < b.OutputCount; k++) outputs.Add((oa[b.OutputNames[k]!], k));
            outputs.Sort();
        }
        else
        {
            for (int k = 0; k < b.InputCount; k++) inputOfB[k] = k;
            for (int k = 0; k < a.OutputCount; k++) outputs.Add((k, k));
        }
        return (inputOfB, outputs);
    }

    static bool AllNamed(List<string?> names) => names.All(n => !string.IsNullOrEmpty(n)) && names.Distinct().Count() == names.Count;
    static bool SameNames(List<string?> x, List<string?> y) => x.ToHashSet().SetEquals(y);
    static Dictionary<string, int> Index(List<string?> names) => names.Select((n, i) => (n!, i)).ToDictionary(t => t.Item1, t => t.i);
}
