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

/// <summary>Settings of combinational equivalence checking.</summary>
public sealed record CecOptions
{
    /// <summary>How outputs and inputs are matched.</summary>
    public CecMatch Match { get; init; } = CecMatch.Auto;
    /// <summary>Random-simulation words on the miter before any SAT (finds most counterexamples).</summary>
    public int SimulationWords { get; init; } = 64;
    /// <summary>Settings of the internal SAT sweep.</summary>
    public FraigOptions Sweep { get; init; } = new();
    /// <summary>Conflict budget of each final output query (negative: none).</summary>
    public long OutputConflictLimit { get; init; } = -1;
}
