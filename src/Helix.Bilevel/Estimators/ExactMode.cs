namespace Helix.Bilevel.Estimators;

/// <summary>How the exact estimator gets the inner trajectory back during reverse accumulation.</summary>
public enum ExactMode
{
    /// <summary>Recompute θ_j from θ_0 for each j: memory flat in r, r(r−1)/2 extra inner steps.</summary>
    Recompute,
    /// <summary>Keep the r parameter snapshots: r extra copies of the parameters, no extra inner steps.</summary>
    Store,
}
