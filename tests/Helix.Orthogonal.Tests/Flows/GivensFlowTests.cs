using Helix.Core;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Orthogonal.Tests.Flows;

public class GivensFlowTests
{
    static double[,] DenseOmega(Tensor x, Tensor g)
    {
        var a = matmul(x.T, g);
        var o = ((a - a.T) * 0.5).to_type(ScalarType.Float64);
        int d = (int)o.shape[0];
        var r = new double[d, d];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) r[i, j] = o[i, j].item<double>();
        return r;
    }

    static double[,] Estimate(Matchings m, long step, SplitMix64 rng, double[,] omega)
    {
        int d = m.Size;
        var pairs = new int[2 * m.MaxEdges];
        var w = new double[m.MaxEdges];
        int count = m.Draw(step, rng, pairs, w);
        var hat = new double[d, d];
        var used = new bool[d];
        for (int e = 0; e < count; e++)
        {
            int i = pairs[2 * e], j = pairs[2 * e + 1];
            Assert.False(used[i] || used[j], "edges of a matching are disjoint");
            used[i] = used[j] = true;
            hat[i, j] = omega[i, j] * w[e];
            hat[j, i] = omega[j, i] * w[e];
        }
        return hat;
    }

    public static IEnumerable<object[]> RandomKinds() =>
    [
        [MatchingKind.UniformRandom, 6, 0],
        [MatchingKind.UniformRandom, 7, 0],
        [MatchingKind.Graph, 6, 1],      // ring
        [MatchingKind.Graph, 6, 2],      // 2×3 grid
        [MatchingKind.RandomGraph, 6, 2],  // 2×3 grid, estimated p
        [MatchingKind.RandomGraph, 7, 3],  // a sparse graph with a degree-3 vertex and an isolated one
    ];

    [Theory]
    [MemberData(nameof(RandomKinds))]
    public void SparseEstimateIsUnbiased(MatchingKind kind, int d, int graph)
    {
        using var _ = NewDisposeScope();
        var edges = graph == 1 ? Matchings.Ring(d) : graph == 2 ? Matchings.Grid(2, 3) : graph == 3 ? [(0, 1), (1, 2), (1, 3), (3, 4), (4, 5), (2, 5)] : null;
        var x = RandomOrthogonal.Draw(d, d, 1);
        var omega = DenseOmega(x, TestTensors.Randn(2, ScalarType.Float64, d, d));
        // estimated p: enough samples that the estimate's relative error (~0.1%) is far below the test's 4 standard errors
        var m = new Matchings(d, kind, edges, estimateSamples: 2_000_000, estimateSeed: 3);
        var rng = new SplitMix64(5);
        const int draws = 20000;
        var sum = new double[d, d];
        var sq = new double[d, d];
        for (int t = 0; t < draws; t++)
        {
            var hat = Estimate(m, t, rng, omega);
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) { sum[i, j] += hat[i, j]; sq[i, j] += hat[i, j] * hat[i, j]; }
        }
        var inGraph = new bool[d, d];
        if (edges is null) { for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) inGraph[i, j] = i != j; }
        else foreach (var (i, j) in edges) inGraph[i, j] = inGraph[j, i] = true;
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
            {
                double mean = sum[i, j] / draws;
                double se = Math.Sqrt(Math.Max(sq[i, j] / draws - mean * mean, 0) / draws);
                double expected = inGraph[i, j] ? omega[i, j] : 0;      // a graph estimates Ω restricted to its edges
                Assert.True(Math.Abs(mean - expected) <= 4 * se + 1e-15, $"{kind} ({i},{j}): mean {mean} vs {expected}, se {se}");
            }
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public void RoundRobinCoversEveryEdgeOncePerCycle(int d)
    {
        using var _ = NewDisposeScope();
        var x = RandomOrthogonal.Draw(d, d, 1);
        var omega = DenseOmega(x, TestTensors.Randn(2, ScalarType.Float64, d, d));
        var m = new Matchings(d, MatchingKind.RoundRobin);
        int rounds = d % 2 == 0 ? d - 1 : d;
        Assert.Equal(rounds, m.Classes);
        var sum = new double[d, d];
        for (int t = 0; t < rounds; t++)
        {
            var hat = Estimate(m, t, new SplitMix64(0), omega);
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) sum[i, j] += hat[i, j];
        }
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
                Assert.Equal(omega[i, j], sum[i, j] / rounds, 12);   // the mean over a cycle (a uniform random round) is Ω
    }

    [Theory]
    [InlineData(MatchingKind.UniformRandom, 7, 7)]
    [InlineData(MatchingKind.RoundRobin, 6, 6)]
    [InlineData(MatchingKind.UniformRandom, 8, 3)]
    public void GivensStepEqualsDenseExponential(MatchingKind kind, int n, int k)
    {
        using var _ = NewDisposeScope();
        var x0 = RandomOrthogonal.Draw(n, k, 3);
        var g = TestTensors.Randn(4, ScalarType.Float64, n, k);
        var p = new Parameter(x0.clone());
        p.grad = g.clone();
        const double lr = 0.1;
        using var flow = new GivensFlow([p], lr, kind, seed: 9);
        flow.step();
        // the same draw, densely
        var omega = n == k ? DenseOmega(x0, g) : DenseOmega(x0.T, g.T);   // tall: Ω = skew(XGᵀ)
        var hat = Estimate(new Matchings(n, kind), 0, new SplitMix64(9), omega);
        var hatT = tensor(hat.Cast<double>().ToArray(), [n, n], dtype: ScalarType.Float64);
        var rot = linalg.matrix_exp(-lr * hatT);
        var expected = n == k ? matmul(x0, rot) : matmul(rot.T, x0);
        Assert.True(TestTensors.MaxAbs(p, expected) < 1e-13);
        Assert.True(TestTensors.MaxAbs(p, x0) > 1e-4, "the step moved the weight");
    }

    [Fact]
    public void StaysOrthogonalOver100000StepsInFloat64()
    {
        using var _ = NewDisposeScope();
        var p = new Parameter(RandomOrthogonal.Draw(4, 4, 1));
        p.grad = TestTensors.Randn(2, ScalarType.Float64, 4, 4);
        using var flow = new GivensFlow([p], 0.3, MatchingKind.UniformRandom, seed: 1) { DriftCheckEvery = 0 };
        for (int t = 0; t < 100_000; t++) flow.step();
        double err = OrthogonalMaps.OrthogonalityError(p);
        Assert.True(err < 1e-12, $"drift {err}");
        Assert.Equal(0, flow.Reorthonormalizations);
    }

    [Fact]
    public void Float32DriftIsReportedAndRepairedPastTheThreshold()
    {
        using var _ = NewDisposeScope();
        var p = new Parameter(RandomOrthogonal.Draw(16, 16, 1, ScalarType.Float32));
        p.grad = TestTensors.Randn(2, ScalarType.Float32, 16, 16);
        using var flow = new GivensFlow([p], 0.5, seed: 2) { DriftCheckEvery = 50, DriftThreshold = 1e-7 };
        Assert.Equal(1e-7, flow.DriftThreshold);
        for (int t = 0; t < 2000; t++) flow.step();
        Assert.True(double.IsFinite(flow.LastDrift));
        Assert.True(flow.Reorthonormalizations > 0);
        Assert.True(OrthogonalMaps.OrthogonalityError(p) < 1e-5);
        using var defaults = new GivensFlow([new Parameter(RandomOrthogonal.Draw(4, 4, 1, ScalarType.Float32))], 0.1);
        Assert.Equal(1e-5, defaults.DriftThreshold);
    }

    internal static double Train(IOrthogonalOptimizer opt, Parameter p, IOrthogonalProblem problem, int steps)
    {
        for (int t = 0; t < steps; t++)
        {
            using var s = NewDisposeScope();
            opt.zero_grad();
            problem.Loss(p).backward();
            opt.step();
        }
        return problem.RelativeError(p);
    }

    [Theory]
    [InlineData(MatchingKind.UniformRandom, 0.0)]
    [InlineData(MatchingKind.RoundRobin, 0.0)]
    [InlineData(MatchingKind.Greedy, 0.0)]
    [InlineData(MatchingKind.UniformRandom, 0.5)]
    public void ProcrustesConvergesToTheSvdAnswer(MatchingKind kind, double momentum)
    {
        using var _ = NewDisposeScope();
        var problem = new ProcrustesProblem(8, 3);
        var p = new Parameter(problem.Start.clone());
        using var flow = new GivensFlow([p], kind == MatchingKind.Greedy ? 0.2 : 0.03, kind, momentum, seed: 4);
        double rel = Train(flow, p, problem, 2500);
        Assert.True(rel < 1e-6, $"{kind}: relative error {rel}");
        Assert.True(OrthogonalMaps.OrthogonalityError(p) < 1e-12);
    }

    [Fact]
    public void BrockettOnStiefelFindsTheLeadingEigenvectors()
    {
        using var _ = NewDisposeScope();
        var problem = new BrockettProblem(10, 3, 5);
        var p = new Parameter(problem.Start.clone());
        using var flow = new GivensFlow([p], 0.03, MatchingKind.UniformRandom, seed: 6);
        double rel = Train(flow, p, problem, 3000);
        Assert.True(rel < 1e-6, $"relative error {rel}");
        Assert.True(OrthogonalMaps.OrthogonalityError(p) < 1e-12);
        // columns match the eigenvectors up to sign
        var v = problem.Eigenvectors();
        var cosines = matmul(v.T.to_type(ScalarType.Float64), p.detach()).diagonal().abs();
        double minCos = cosines.min().to_type(ScalarType.Float64).item<double>();
        Assert.True(minCos > 1 - 1e-4, $"smallest |cos| to an eigenvector {minCos}");
    }

    [Theory]
    [InlineData(RetractionKind.Exp)]
    [InlineData(RetractionKind.Cayley)]
    [InlineData(RetractionKind.Qr)]
    public void DenseBaselinesConverge(RetractionKind retraction)
    {
        using var _ = NewDisposeScope();
        var problem = new ProcrustesProblem(8, 3);
        var p = new Parameter(problem.Start.clone());
        using var opt = new RiemannianDescent([p], 0.1, retraction);
        double relP = Train(opt, p, problem, 1000);
        Assert.True(relP < 1e-6, $"{retraction}: Procrustes relative error {relP}");
        // a dense retraction's rounding accumulates over the 1,000 steps (expm: ~1e-12), unlike exact Givens rotations
        double drift = OrthogonalMaps.OrthogonalityError(p);
        Assert.True(drift < 1e-10, $"{retraction}: drift {drift}");
        var brockett = new BrockettProblem(10, 3, 5);
        var q = new Parameter(brockett.Start.clone());
        using var opt2 = new RiemannianDescent([q], 0.1, retraction);
        double rel = Train(opt2, q, brockett, 800);
        Assert.True(rel < 1e-6, $"{retraction}: Brockett relative error {rel}");
    }

    [Fact]
    public void SeedsReproduceAndResumeIsIdentical()
    {
        using var scope = NewDisposeScope();
        var problem = new ProcrustesProblem(9, 2);
        Tensor Run(int steps, Tensor? start, GivensFlowState? state, out GivensFlowState end)
        {
            var p = new Parameter((start ?? problem.Start).clone());
            using var flow = new GivensFlow([p], 0.02, MatchingKind.UniformRandom, momentum: 0.7, seed: 11);
            if (state is not null) flow.SetState(state);
            Train(flow, p, problem, steps);
            end = flow.GetState();
            return p.detach().clone();
        }
        var full = Run(40, null, null, out _);
        Assert.True(Run(40, null, null, out _).eq(full).all().item<bool>(), "same seed, same run");
        var half = Run(20, null, null, out var mid);
        var path = Path.Combine(Path.GetTempPath(), $"helix-givens-{Guid.NewGuid():N}.state");
        try
        {
            mid.Save(path);
            var resumed = Run(20, half, GivensFlowState.Load(path), out var end);
            Assert.True(resumed.eq(full).all().item<bool>(), "resume is bit-identical");
            Assert.Equal(40, end.Steps);
        }
        finally { File.Delete(path); }
        var other = new Parameter(problem.Start.clone());
        using var flow2 = new GivensFlow([other], 0.02, seed: 12);
        Train(flow2, other, problem, 40);
        Assert.False(other.eq(full).all().item<bool>(), "another seed gives another run");
    }

    [Fact]
    public void BadInputsGetClearErrors()
    {
        using var _ = NewDisposeScope();
        var notOrthogonal = new Parameter(TestTensors.Randn(1, ScalarType.Float64, 4, 4));
        var ex = Assert.Throws<ArgumentException>(() => new GivensFlow([notOrthogonal], 0.1));
        Assert.Contains("not orthogonal", ex.Message);
        Assert.Throws<ArgumentException>(() => new RiemannianDescent([notOrthogonal], 0.1));
        var tiny = new Parameter(ones(1, 1, dtype: ScalarType.Float64));
        Assert.Contains("d = 1 < 2", Assert.Throws<ArgumentException>(() => new GivensFlow([tiny], 0.1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Matchings(1, MatchingKind.UniformRandom));
        var ok = new Parameter(RandomOrthogonal.Draw(4, 4, 1));
        Assert.Contains("at least one edge", Assert.Throws<ArgumentException>(() => new GivensFlow([ok], 0.1, MatchingKind.Graph, graph: [])).Message);
        Assert.Throws<ArgumentException>(() => new GivensFlow([ok], 0.1, MatchingKind.Graph, graph: [(0, 0)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GivensFlow([ok], -1));
        Assert.Throws<ArgumentException>(() => new GivensFlow([new Parameter(RandomOrthogonal.Draw(4, 4, 1).T.contiguous()[..2])], 0.1));
    }

    [Fact]
    public void BatchedWeightsStepIndependently()
    {
        using var _ = NewDisposeScope();
        var x = stack([RandomOrthogonal.Draw(5, 5, 1), RandomOrthogonal.Draw(5, 5, 2)]);
        var g = TestTensors.Randn(3, ScalarType.Float64, 2, 5, 5);
        var p = new Parameter(x.clone());
        p.grad = g.clone();
        using var flow = new GivensFlow([p], 0.1, MatchingKind.RoundRobin);
        flow.step();
        for (int b = 0; b < 2; b++)
        {
            var single = new Parameter(x[b].clone());
            single.grad = g[b].clone();
            using var f1 = new GivensFlow([single], 0.1, MatchingKind.RoundRobin);
            f1.step();
            Assert.True(TestTensors.MaxAbs(p[b], single) < 1e-15);
        }
        Assert.True(OrthogonalMaps.OrthogonalityError(p) < 1e-12);
    }
}
