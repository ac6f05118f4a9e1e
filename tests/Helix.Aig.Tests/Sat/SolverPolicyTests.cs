using CsCheck;
using Helix.Aig.Sat;
using Helix.Aig.Tests.Support;

namespace Helix.Aig.Tests.Sat;

/// <summary>Every restart policy and the vivification pass give the brute-force answer, with many reductions.</summary>
public class SolverPolicyTests
{
    public static TheoryData<RestartPolicy, bool> Policies() => new()
    {
        { RestartPolicy.Luby, false }, { RestartPolicy.Luby, true }, { RestartPolicy.Glucose, true }, { RestartPolicy.Alternate, true },
    };

    [Theory, MemberData(nameof(Policies))]
    public void AgreesWithBruteForceUnderFrequentReductions(RestartPolicy restarts, bool vivify)
    {
        var opt = new SolverOptions { Restarts = restarts, VivifyLearnts = vivify, FirstReduce = 30, ReduceIncrement = 5, RestartUnit = 10, KeepLbd = 0 };
        Gen.Select(Gen.Int[8, 18], Gen.ULong).Sample((vars, seed) =>
        {
            var cnf = SatInstances.RandomKSat(vars, (int)(4.3 * vars), 3, seed);
            var s = cnf.ToSolver(opt);
            var r = s.Solve();
            Assert.Equal(SatInstances.BruteForce(cnf), r == SatResult.Satisfiable);
            if (r == SatResult.Satisfiable) Assert.True(cnf.IsSatisfiedBy(s.Model!));
        }, iter: 60);
        var ph = SatInstances.Pigeonhole(7).ToSolver(opt);
        Assert.Equal(SatResult.Unsatisfiable, ph.Solve());
        Assert.True(ph.Stats.Reductions > 0);
        if (vivify) Assert.True(ph.Stats.VivifiedClauses > 0, "vivification should shorten some learnt clause on pigeonhole 7");
    }

    [Fact]
    public void VivificationKeepsIncrementalAnswersRight()
    {
        var opt = new SolverOptions { FirstReduce = 20, ReduceIncrement = 5, KeepLbd = 0, VivifyLearnts = true };
        for (ulong seed = 0; seed < 20; seed++)
        {
            var cnf = SatInstances.RandomKSat(16, 60, 3, seed);
            var s = cnf.ToSolver(opt);
            var rng = new Helix.Core.SplitMix64(seed);
            for (int round = 0; round < 6; round++)
            {
                var a = SatLit.Of((int)(rng.NextUInt64() % 16), (rng.NextUInt64() & 1) != 0);
                var with = new CnfFormula { VarCount = 16 };
                for (int i = 0; i < cnf.ClauseCount; i++) with.AddClause(cnf.Clause(i));
                with.AddClause(a);
                Assert.Equal(SatInstances.BruteForce(with), s.Solve([a]) == SatResult.Satisfiable);
            }
        }
    }

    [Fact]
    public void OptionsValidate()
    {
        Assert.Equal("VarDecay", Assert.Throws<Helix.Core.InvalidOptionException>(() => new SolverOptions { VarDecay = 1 }.Validate()).Option);
        Assert.Equal("RestartUnit", Assert.Throws<Helix.Core.InvalidOptionException>(() => new CdclSolver(new SolverOptions { RestartUnit = 0 })).Option);
        Assert.Same(SolverOptionsDefault, SolverOptionsDefault.Validate());
    }

    static readonly SolverOptions SolverOptionsDefault = new();
}
