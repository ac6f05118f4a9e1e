using Helix.FixTypes;

namespace Helix.Aig.Equivalence;

/// <summary>How <see cref="AigCec"/> pairs outputs and inputs.</summary>
public enum CecMatch
{
    /// <summary>By name when every input and output of both networks is named, else by order.</summary>
    Auto,
    /// <summary>By position.</summary>
    Order,
    /// <summary>By name (every input and output must be named and the name sets must agree).</summary>
    Name,
}

/// <summary>Settings of combinational equivalence checking. A fixtype: every assignment fixes its value.</summary>
[FixType]
public sealed partial record CecOptions
{
    /// <summary>How outputs and inputs are matched (an undefined value fixes to <see cref="CecMatch.Auto"/>).</summary>
    [Default(CecMatch.Auto)] public partial CecMatch Match { get; init; }
    /// <summary>Random-simulation words on the miter before any SAT (0 to 2^20; finds most counterexamples).</summary>
    [Range(0, 1 << 20), Default(64)] public partial int SimulationWords { get; init; }
    /// <summary>Settings of the internal SAT sweep.</summary>
    public partial FraigOptions Sweep { get; init; }
    /// <summary>Conflict budget of each final output query (-1: none).</summary>
    [Range(-1, long.MaxValue), Default(-1L)] public partial long OutputConflictLimit { get; init; }
}
