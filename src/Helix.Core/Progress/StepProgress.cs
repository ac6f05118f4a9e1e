namespace Helix.Core;

/// <summary>
/// The common shape of progress for long operations: how far along (<paramref name="Done"/> of
/// <paramref name="Total"/>, in the operation's own unit) and a short phase or status line. Libraries with richer
/// progress define their own record; this one serves where a count and a line are enough.
/// </summary>
/// <param name="Done">Units finished.</param>
/// <param name="Total">Units in all (0 when unknown).</param>
/// <param name="Status">What is happening now, one line.</param>
public readonly record struct StepProgress(long Done, long Total, string Status)
{
    /// <summary>Finished fraction in [0, 1], or 0 when the total is unknown.</summary>
    public double Fraction => Total > 0 ? Math.Clamp((double)Done / Total, 0, 1) : 0;
}
