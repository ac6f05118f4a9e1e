using Helix.Core;

namespace Helix.Orthogonal.Tests.Flows;

/// <summary>p_ij of random maximal matchings: the Monte-Carlo estimate against brute-force enumeration of every edge order.</summary>
public class MatchingProbabilityTests
{
    /// <summary>Exact p_ij of the random maximal matching: enumerate all |E|! edge orders, keep each edge whose ends are free.</summary>
    static Dictionary<(int, int), double> Exact(int d, (int I, int J)[] edges)
    {
        var counts = edges.ToDictionary(e => (Math.Min(e.I, e.J), Math.Max(e.I, e.J)), _ => 0L);
        long orders = 0;
        void Permute(int[] order, int k)
        {
            if (k == order.Length)
            {
                orders++;
                var used = new bool[d];
                foreach (int e in order)
                {
                    var (a, b) = edges[e];
                    if (used[a] || used[b]) continue;
                    used[a] = used[b] = true;
                    counts[(Math.Min(a, b), Math.Max(a, b))]++;
                }
                return;
            }
            for (int i = k; i < order.Length; i++)
            {
                (order[k], order[i]) = (order[i], order[k]);
                Permute(order, k + 1);
                (order[k], order[i]) = (order[i], order[k]);
            }
        }
        Permute(Enumerable.Range(0, edges.Length).ToArray(), 0);
        return counts.ToDictionary(kv => kv.Key, kv => (double)kv.Value / orders);
    }

    public static IEnumerable<object[]> Graphs() =>
    [
        [4, new[] { (0, 1), (1, 2), (2, 3) }],                              // path: the middle edge loses to either end
        [4, new[] { (0, 1), (1, 2), (2, 3), (3, 0), (0, 2) }],              // 4-cycle with a chord
        [5, new[] { (0, 1), (0, 2), (0, 3), (3, 4), (1, 2) }],              // star-ish with a triangle
        [6, new[] { (0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 0), (0, 3) }], // 6-ring with a diameter (5,040 orders)
        [4, new[] { (0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3) }],      // K4: every edge 1/3 by symmetry
    ];

    [Theory]
    [MemberData(nameof(Graphs))]
    public void EstimatedProbabilitiesMatchEnumeration(int d, (int, int)[] edges)
    {
        var exact = Exact(d, edges);
        const int samples = 200_000;
        var m = new Matchings(d, MatchingKind.RandomGraph, edges, estimateSamples: samples, estimateSeed: 42);
        Assert.Equal(edges.Length, m.Probabilities.Count);
        foreach (var e in m.Probabilities)
        {
            double p = exact[(e.I, e.J)];
            double se = Math.Sqrt(p * (1 - p) / samples);
            Assert.True(Math.Abs(e.P - p) <= 4 * se, $"({e.I},{e.J}): estimate {e.P} vs exact {p}, se {se}");
            Assert.Equal(se, e.StandardError, 4);              // the reported error is the binomial one
            Assert.True(e.P >= 1.0 / edges.Length);              // the exact lower bound holds
        }
        // same seed, same estimate; another seed, another one (the estimate is random, and seeded)
        var again = new Matchings(d, MatchingKind.RandomGraph, edges, estimateSamples: samples, estimateSeed: 42);
        Assert.Equal(m.Probabilities, again.Probabilities);
        var other = new Matchings(d, MatchingKind.RandomGraph, edges, estimateSamples: samples, estimateSeed: 43);
        Assert.NotEqual(m.Probabilities.Select(p => p.P), other.Probabilities.Select(p => p.P));
    }

    [Fact]
    public void DrawsAreMaximalMatchingsWithTheEstimatedWeights()
    {
        var edges = new[] { (0, 1), (1, 2), (2, 3), (3, 4), (4, 0), (0, 2) };
        var m = new Matchings(5, MatchingKind.RandomGraph, edges, estimateSamples: 1000, estimateSeed: 1);
        var weight = m.Probabilities.ToDictionary(p => (p.I, p.J), p => 1 / p.P);
        var pairs = new int[4];
        var w = new double[2];
        var rng = new SplitMix64(7);
        for (int t = 0; t < 200; t++)
        {
            int count = m.Draw(t, rng, pairs, w);
            var used = new bool[5];
            for (int e = 0; e < count; e++)
            {
                int a = pairs[2 * e], b = pairs[2 * e + 1];
                Assert.False(used[a] || used[b]);
                used[a] = used[b] = true;
                Assert.Equal(weight[(Math.Min(a, b), Math.Max(a, b))], w[e]);
            }
            foreach (var (a, b) in edges) Assert.True(used[a] || used[b], "maximal: no edge could be added");
        }
    }

    [Fact]
    public void ColourClassProbabilitiesAreExact()
    {
        var m = new Matchings(6, MatchingKind.Graph, Matchings.Ring(6));
        Assert.Equal(6, m.Probabilities.Count);
        Assert.All(m.Probabilities, p => { Assert.Equal(1.0 / m.Classes, p.P); Assert.Equal(0, p.StandardError); });
        Assert.Empty(new Matchings(6, MatchingKind.UniformRandom).Probabilities);
        Assert.Contains("at least one edge", Assert.Throws<ArgumentException>(() => new Matchings(4, MatchingKind.RandomGraph, [])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Matchings(4, MatchingKind.RandomGraph, [(0, 1)], estimateSamples: 0));
    }

    [Fact]
    public void RandomGraphFlowDescendsAndResumesExactly()
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        var problem = new ProcrustesProblem(8, 3);
        var ring = Matchings.Ring(8);
        TorchSharp.torch.Tensor Run(int steps, TorchSharp.torch.Tensor start, GivensFlowState? state, out GivensFlowState end)
        {
            var p = new TorchSharp.Modules.Parameter(start.clone());
            using var flow = new GivensFlow([p], 0.05, MatchingKind.RandomGraph, graph: ring, seed: 3);
            if (state is not null) flow.SetState(state);
            GivensFlowTests.Train(flow, p, problem, steps);
            end = flow.GetState();
            return p.detach().clone();
        }
        var full = Run(3000, problem.Start, null, out _);
        // a ring only rotates neighbouring coordinates, so the flow descends to a point where Ω vanishes on the ring's
        // edges (not necessarily the global optimum): it must descend, monotonically on average
        double rel = problem.RelativeError(full);
        Assert.True(rel < 0.8, $"relative error {rel} on the ring");
        Assert.True(OrthogonalMaps.OrthogonalityError(full) < 1e-12);
        var half = Run(1500, problem.Start, null, out var mid);
        Assert.True(problem.RelativeError(half) > rel, "more steps, lower loss");
        var resumed = Run(1500, half, mid, out _);
        Assert.True(resumed.eq(full).all().item<bool>(), "resume is bit-identical");
    }
}
