namespace Helix.Core;

/// <summary>An external program Helix needs could not be started (not installed, not executable).</summary>
public sealed class ToolNotFoundException(string program, string reason)
    : Exception($"could not start '{program}': {reason}. Install it (on Debian: apt-get install the package that provides it) or give its full path.")
{
    /// <summary>The program that could not be started.</summary>
    public string Program { get; } = program;
}
