using System.Text.Json.Serialization;
using Helix.FixTypes;

namespace Helix.Aig.Equivalence;

/// <summary>Settings of SAT sweeping (<see cref="AigFraig"/> and <see cref="AigCec"/>). A fixtype: every assignment
/// fixes its value into the documented range (<see cref="Why"/> explains a bad one).</summary>
[FixType]
public sealed partial record FraigOptions
{
    /// <summary>64-pattern words of the initial random simulation (1 to 2^20).</summary>
    [Range(1, 1 << 20), Default(64)] public partial int SimulationWords { get; init; }
    /// <summary>Seed of the random patterns.</summary>
    [Default(1)] public partial ulong Seed { get; init; }
    /// <summary>Conflict budget of one SAT query on an internal node pair (-1: none); pairs over budget stay unmerged.</summary>
    [Range(-1, long.MaxValue), Default(1000)] public partial long ConflictLimit { get; init; }
    /// <summary>SAT queries before the incremental solver is rebuilt (keeps it small: models assign every loaded variable).</summary>
    [Range(1, int.MaxValue), Default(500)] public partial int SolverRecycle { get; init; }
    /// <summary>Loaded variables above which the solver is rebuilt before the next query.</summary>
    [Range(1, int.MaxValue), Default(5000)] public partial int SolverMaxVars { get; init; }
    /// <summary>Progress in nodes swept (optional).</summary>
    [JsonIgnore] public partial IProgress<SweepProgress>? Progress { get; init; }
}

/// <summary>How far a sweep has got.</summary>
public readonly record struct SweepProgress(int Done, int Total, int Merged);
