namespace Helix.Aig.Sat;

/// <summary>When <see cref="CdclSolver"/> restarts.</summary>
public enum RestartPolicy
{
    /// <summary>MiniSat's Luby sequence times <see cref="SolverOptions.RestartUnit"/> conflicts.</summary>
    Luby,
    /// <summary>Glucose's dynamic restarts: restart when the recent LBD average exceeds the global one; block when the trail is unusually long.</summary>
    Glucose,
    /// <summary>Alternates Glucose phases (quick restarts) with Luby phases (long, stable runs), each phase longer than the last.</summary>
    Alternate,
}
