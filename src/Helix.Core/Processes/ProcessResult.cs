namespace Helix.Core;

/// <summary>What an external process did: exit code (null when killed at the time limit), its output and its time.</summary>
/// <param name="ExitCode">The exit code, or null when the process was killed because it ran past its time limit.</param>
/// <param name="StandardOutput">Everything it wrote to stdout.</param>
/// <param name="StandardError">Everything it wrote to stderr.</param>
/// <param name="Elapsed">Wall time from start to exit (or kill).</param>
public sealed record ProcessResult(int? ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    /// <summary>True when the process was killed at its time limit.</summary>
    public bool TimedOut => ExitCode is null;
}
