using System.Diagnostics;

namespace Helix.Aig.Equivalence;

/// <summary>The mutable counters a sweep updates as it runs (one object across the rounds of a CEC run).</summary>
internal sealed class SweepCounters
{
    public int Merged, SatCalls, Proved, Disproved, Undecided, Resimulations, Rounds;
    public long SatTicks, SimulationTicks, Conflicts;

    /// <summary>An immutable snapshot.</summary>
    public FraigStats ToStats(int andsBefore, int andsAfter, TimeSpan elapsed) => new()
    {
        AndsBefore = andsBefore, AndsAfter = andsAfter, Merged = Merged, SatCalls = SatCalls, Proved = Proved,
        Disproved = Disproved, Undecided = Undecided, Resimulations = Resimulations, Rounds = Rounds, Conflicts = Conflicts,
        SatTime = Stopwatch.GetElapsedTime(0, SatTicks), SimulationTime = Stopwatch.GetElapsedTime(0, SimulationTicks), Elapsed = elapsed,
    };
}
