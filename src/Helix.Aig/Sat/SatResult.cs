namespace Helix.Aig.Sat;

/// <summary>A SAT answer; the values are the SAT-competition exit codes.</summary>
public enum SatResult
{
    /// <summary>No answer within the budget.</summary>
    Unknown = 0,
    /// <summary>A model was found (and checked).</summary>
    Satisfiable = 10,
    /// <summary>No model exists (under the assumptions, if any).</summary>
    Unsatisfiable = 20,
}
