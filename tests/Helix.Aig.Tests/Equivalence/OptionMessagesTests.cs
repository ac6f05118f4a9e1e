using Helix.Aig.Equivalence;
using Helix.Aig.Sat;
using Helix.Core;

namespace Helix.Aig.Tests.Equivalence;

/// <summary>The option records are fixtypes in reject mode: a bad value is rejected at assignment with the property's
/// name and a reason that states the constraint and the value (what the CLI prints after mapping the name to its
/// flag); defaults are those documented.</summary>
public class OptionMessagesTests
{
    private static string Reason(Func<object> make)
    {
        var e = Assert.Throws<InvalidOptionException>(make);
        return e.Option + ": " + e.Reason;
    }

    [Fact]
    public void Bad_values_are_rejected_with_the_constraint_and_the_value()
    {
        Assert.Equal("Rounds: must be at least 1, got 0", Reason(() => new CecOptions { Rounds = 0 }));
        Assert.Equal("TimeLimit: must be null or positive, got -00:00:01", Reason(() => new CecOptions { TimeLimit = TimeSpan.FromSeconds(-1) }));
        Assert.Equal("ConflictLimit: must be a natural number (0 or more), got -5", Reason(() => new FraigOptions { ConflictLimit = -5 }));
        Assert.Equal("VarDecay: must be at least 0.5 and below 1, got 1", Reason(() => new SolverOptions { VarDecay = 1 }));
        Assert.Equal("Restarts: must be one of Luby, Glucose, Alternate, got 7", Reason(() => new SolverOptions { Restarts = (RestartPolicy)7 }));
        Assert.Equal("Sweep", Assert.Throws<InvalidOptionException>(() => new CecOptions { Sweep = null! }).Option);
    }

    [Fact]
    public void Defaults_are_the_documented_ones_and_valid()
    {
        var s = new SolverOptions();
        Assert.Equal((0.95, 0.999, RestartPolicy.Alternate, 100, 2000, 300, 2, 6, false, 8, 20.0, true),
            (s.VarDecay, s.ClauseDecay, s.Restarts, s.RestartUnit, s.FirstReduce, s.ReduceIncrement, s.KeepLbd, s.Tier2Lbd, s.VivifyLearnts, s.VivifyMaxLbd, s.VivifyEffort, s.CheckModels));
        Assert.Equal((true, 0.6, 1000), (s.Walk, s.WalkEffort, s.WalkInterval));
        var c = new CecOptions();
        Assert.Equal((CecMatch.Auto, 64, 4, 8, -1L, (TimeSpan?)null), (c.Match, c.SimulationWords, c.Rounds, c.ConflictLimitGrowth, c.OutputConflictLimit, c.TimeLimit));
        Assert.Equal(new FraigOptions(), c.Sweep);
        var f = new FraigOptions();
        Assert.Equal((64, 1UL, 1000L, 1000, 20000), (f.SimulationWords, f.Seed, f.ConflictLimit, f.SolverRecycle, f.SolverMaxVars));
        Assert.True(SolverOptions.IsValid(s) && CecOptions.IsValid(c) && FraigOptions.IsValid(f));
    }
}
