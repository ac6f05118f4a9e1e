namespace Helix.Aig.Equivalence;

/// <summary>What a SAT sweep (or the sweeping rounds of a CEC run) did.</summary>
public sealed record FraigStats
{
    /// <summary>AND nodes before.</summary>
    public int AndsBefore { get; init; }
    /// <summary>AND nodes after (compacted).</summary>
    public int AndsAfter { get; init; }
    /// <summary>Nodes merged into an equivalent one (proved by SAT).</summary>
    public int Merged { get; init; }
    /// <summary>SAT queries.</summary>
    public int SatCalls { get; init; }
    /// <summary>Queries that proved a pair equal (both directions unsatisfiable).</summary>
    public int Proved { get; init; }
    /// <summary>Queries that found a counterexample.</summary>
    public int Disproved { get; init; }
    /// <summary>Queries over the conflict budget.</summary>
    public int Undecided { get; init; }
    /// <summary>Counterexample resimulations.</summary>
    public int Resimulations { get; init; }
    /// <summary>Sweeping rounds (1 for fraig).</summary>
    public int Rounds { get; init; }
    /// <summary>SAT conflicts over all queries.</summary>
    public long Conflicts { get; init; }
    /// <summary>Time spent in SAT queries (including loading cones).</summary>
    public TimeSpan SatTime { get; init; }
    /// <summary>Time spent simulating (initial and counterexample resimulation).</summary>
    public TimeSpan SimulationTime { get; init; }
    /// <summary>Wall time.</summary>
    public TimeSpan Elapsed { get; init; }
}
