namespace Helix.Aig.Equivalence;

/// <summary>What a SAT sweep did.</summary>
public sealed record FraigStats
{
    /// <summary>AND nodes before.</summary>
    public int AndsBefore { get; set; }
    /// <summary>AND nodes after (compacted).</summary>
    public int AndsAfter { get; set; }
    /// <summary>Nodes merged into an equivalent one (proved by SAT).</summary>
    public int Merged { get; set; }
    /// <summary>SAT queries.</summary>
    public int SatCalls { get; set; }
    /// <summary>Queries that proved a pair equal (both directions unsatisfiable).</summary>
    public int Proved { get; set; }
    /// <summary>Queries that found a counterexample.</summary>
    public int Disproved { get; set; }
    /// <summary>Queries over the conflict budget.</summary>
    public int Undecided { get; set; }
    /// <summary>Counterexample resimulations.</summary>
    public int Resimulations { get; set; }
    /// <summary>Time spent in SAT queries (including loading cones).</summary>
    public TimeSpan SatTime { get; set; }
    /// <summary>Time spent simulating (initial and counterexample resimulation).</summary>
    public TimeSpan SimulationTime { get; set; }
    /// <summary>Wall time.</summary>
    public TimeSpan Elapsed { get; set; }
}
