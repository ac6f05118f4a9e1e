using Helix.Core;
using ScottPlot;

namespace Helix.Plots;

/// <summary>Line plots of benchmark series, optionally on log-log axes, saved as PNG (atomically).</summary>
public static class SeriesPlot
{
    /// <summary>Draws one or more panels side by side (each a title, axis labels and its series) into one PNG.</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="panels">Each panel's title, axis labels and series; points with x ≤ 0 or y ≤ 0 (or y not finite) are left out.</param>
    /// <param name="logX">Log-scaled x axis.</param>
    /// <param name="logY">Log-scaled y axis.</param>
    /// <param name="panelWidth">Width of one panel in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public static void SavePng(string path, IReadOnlyList<(string Title, string XLabel, string YLabel, IReadOnlyList<Series> Series)> panels,
        bool logX = true, bool logY = true, int panelWidth = 640, int height = 480)
    {
        var multi = new Multiplot();
        multi.AddPlots(panels.Count);
        multi.Layout = new ScottPlot.MultiplotLayouts.Columns();
        for (int i = 0; i < panels.Count; i++)
        {
            var (title, xl, yl, series) = panels[i];
            var plt = multi.GetPlot(i);
            foreach (var s in series)
            {
                var pts = s.X.Zip(s.Y).Where(p => p.First > 0 && p.Second > 0 && double.IsFinite(p.Second)).ToArray();
                if (pts.Length == 0) continue;
                var xs = pts.Select(p => logX ? Math.Log10(p.First) : p.First).ToArray();
                var ys = pts.Select(p => logY ? Math.Log10(p.Second) : p.Second).ToArray();
                var sc = plt.Add.Scatter(xs, ys);
                sc.LegendText = s.Name;
                sc.LineWidth = 2;
                sc.MarkerSize = 6;
            }
            if (logX) plt.Axes.Bottom.TickGenerator = LogTicks();
            if (logY) plt.Axes.Left.TickGenerator = LogTicks();
            plt.Title(title);
            plt.XLabel(xl);
            plt.YLabel(yl);
            plt.ShowLegend(Alignment.UpperLeft);
        }
        PngFile.Save(path, multi, panelWidth * panels.Count, height);
    }

    static ScottPlot.TickGenerators.NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = v => { var x = Math.Pow(10, v); return x >= 1 ? x.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) : x.ToString("G2", System.Globalization.CultureInfo.InvariantCulture); },
    };
}
