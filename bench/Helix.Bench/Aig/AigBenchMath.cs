namespace Helix.Bench.Aig;

/// <summary>Summary arithmetic and cell formatting shared by the AIG benchmark's sections.</summary>
internal static class AigBenchMath
{
    /// <summary>Geometric mean (NaN when empty).</summary>
    public static double GeoMean(IEnumerable<double> xs)
    {
        var list = xs.ToList();
        return list.Count == 0 ? double.NaN : Math.Exp(list.Average(x => Math.Log(Math.Max(x, 1e-9))));
    }

    /// <summary>Seconds, or "timeout" for a run that ran out of time (rows are never dropped).</summary>
    public static object Cell(double? secs) => secs.HasValue ? secs.Value : "timeout";

    /// <summary>A ratio, or "-" when either side did not finish.</summary>
    public static object Ratio(double? a, double? b) => a is { } x && b is { } y ? Math.Max(x, 1e-3) / Math.Max(y, 1e-3) : "-";
}
