using Helix.Core;
using Helix.FixTypes;

namespace Helix.Aig.Equivalence;

/// <summary>
/// Settings of combinational equivalence checking (<see cref="AigCec"/>). A fixtype in reject mode: an assignment of an
/// invalid value throws <see cref="InvalidOptionException"/> naming the property, so every instance is valid.
/// </summary>
[FixType(OnInvalid = FixPolicy.Reject)]
public sealed partial record CecOptions : IValidatable<CecOptions>
{
    /// <summary>How outputs and inputs are matched.</summary>
    public partial CecMatch Match { get; init; }
    /// <summary>Random-simulation words on the miter before any SAT (finds most counterexamples).</summary>
    [Nat, Default(64)] public partial int SimulationWords { get; init; }
    /// <summary>Settings of the internal SAT sweep; its conflict limit is the first round's.</summary>
    public partial FraigOptions Sweep { get; init; }
    /// <summary>Sweeping rounds at most: each sweeps what the last one left, with a larger conflict limit.</summary>
    [Range(1, int.MaxValue), Default(4)] public partial int Rounds { get; init; }
    /// <summary>Factor by which the conflict limit grows from one round to the next.</summary>
    [Range(1, int.MaxValue), Default(8)] public partial int ConflictLimitGrowth { get; init; }
    /// <summary>Conflict budget of each output query of the last round (negative: none).</summary>
    [Default(-1L)] public partial long OutputConflictLimit { get; init; }
    /// <summary>Wall-time limit; past it the verdict is <see cref="CecStatus.Undecided"/> (null: none).</summary>
    [FixWith(typeof(PositiveTime))] public partial TimeSpan? TimeLimit { get; init; }

    /// <summary>Returns this: every instance is valid, since each assignment checks its value.</summary>
    public CecOptions Validate() => this;

    private static partial Exception Invalid(string property, string reason) => new InvalidOptionException(property, reason);

    /// <summary>Positive times; others fix to one second.</summary>
    private sealed class PositiveTime : IFixer<TimeSpan>
    {
        public const string Description = "positive";

        public static bool IsValid(TimeSpan value) => value > TimeSpan.Zero;

        public static TimeSpan Fix(TimeSpan value) => value > TimeSpan.Zero ? value : TimeSpan.FromSeconds(1);
    }
}
