using Helix.Core;
using Helix.FixTypes;

namespace Helix.Aig.Equivalence;

/// <summary>
/// Settings of SAT sweeping (<see cref="AigFraig"/> and <see cref="AigCec"/>). A fixtype in reject mode: an assignment
/// of an invalid value throws <see cref="InvalidOptionException"/> naming the property, so every instance is valid.
/// </summary>
[FixType(OnInvalid = FixPolicy.Reject)]
public sealed partial record FraigOptions : IValidatable<FraigOptions>
{
    /// <summary>64-pattern words of the initial random simulation.</summary>
    [Range(1, int.MaxValue), Default(64)] public partial int SimulationWords { get; init; }
    /// <summary>Seed of the random patterns.</summary>
    [Default(1UL)] public partial ulong Seed { get; init; }
    /// <summary>Conflict budget of one SAT query on an internal node pair; pairs over budget stay unmerged.</summary>
    [Nat, Default(1000L)] public partial long ConflictLimit { get; init; }
    /// <summary>SAT queries after which the incremental solver is rebuilt, once it also holds more than <see cref="SolverMaxVars"/> variables.</summary>
    [Range(1, int.MaxValue), Default(1000)] public partial int SolverRecycle { get; init; }
    /// <summary>Loaded variables above which the solver is rebuilt, once <see cref="SolverRecycle"/> queries have run on it.</summary>
    [Range(1, int.MaxValue), Default(20000)] public partial int SolverMaxVars { get; init; }

    /// <summary>
    /// Nodes nearest each SAT query's pair (breadth first) whose decision activities are raised before the query
    /// (0: none), so a long-used incremental solver branches in the pair's own cone first. Applied once the solver
    /// holds more than four times <see cref="SolverMaxVars"/> variables.
    /// </summary>
    [Nat, Default(100)] public partial int ConeBias { get; init; }

    /// <summary>Returns this: every instance is valid, since each assignment checks its value.</summary>
    public FraigOptions Validate() => this;

    private static partial Exception Invalid(string property, string reason) => new InvalidOptionException(property, reason);
}
