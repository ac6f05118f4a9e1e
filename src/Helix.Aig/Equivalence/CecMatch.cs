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
