namespace Helix.Plots;

/// <summary>One named line of (x, y) points for <see cref="SeriesPlot"/>.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="X">X values.</param>
/// <param name="Y">Y values (same count as <paramref name="X"/>).</param>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);
