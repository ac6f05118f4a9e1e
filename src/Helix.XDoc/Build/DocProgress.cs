namespace Helix.XDoc;

/// <summary>What a build reports while it runs: the stage, and how far into it.</summary>
/// <param name="Stage">What is being done (reading, checking, doctests, writing).</param>
/// <param name="Done">Items done in this stage.</param>
/// <param name="Total">Items in this stage (0 when unknown).</param>
public readonly record struct DocProgress(string Stage, int Done, int Total);
