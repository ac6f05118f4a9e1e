using System.Text.Json.Nodes;
using ScottPlot;

namespace Helix.Plots;

/// <summary>Draws a run's loss and accuracy curves (training, smoothed, and validation) from its metrics records into a PNG.</summary>
public static class TrainingCurvePlot
{
    /// <summary>Writes the PNG atomically; does nothing when there are no training records yet.</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="records">A metrics log's records (<see cref="Helix.Training.MetricsLog.Read"/>): <c>train</c> and <c>validation</c> kinds.</param>
    /// <param name="title">Prefix of the panel titles.</param>
    public static void Save(string path, IReadOnlyList<JsonObject> records, string title = "training")
    {
        var train = records.Where(r => (string?)r["kind"] == "train").ToList();
        if (train.Count == 0) return;
        var valid = records.Where(r => (string?)r["kind"] == "validation").ToList();
        double[] steps = train.Select(r => (double)(long)r["step"]!).ToArray();
        double[] vSteps = valid.Select(r => (double)(long)r["step"]!).ToArray();

        var multi = new Multiplot();
        multi.AddPlots(2);
        multi.Layout = new ScottPlot.MultiplotLayouts.Columns();
        Panel(multi.GetPlot(0), $"{title}: loss", "loss (nats)", steps, Values(train, "loss"), vSteps, Values(valid, "loss"));
        Panel(multi.GetPlot(1), $"{title}: accuracy", "accuracy", steps, Values(train, "accuracy"), vSteps, Values(valid, "accuracy"));
        PngFile.Save(path, multi, 1280, 480);
    }

    static double[] Values(List<JsonObject> rs, string key) => rs.Select(r => (double?)r[key] ?? double.NaN).ToArray();

    static void Panel(Plot plt, string title, string yLabel, double[] steps, double[] raw, double[] vSteps, double[] vValues)
    {
        var rawLine = plt.Add.ScatterLine(steps, raw);
        rawLine.LegendText = "train (per step)";
        rawLine.LineWidth = 1;
        rawLine.Color = Colors.Blue.WithAlpha(0.25);
        var smooth = plt.Add.ScatterLine(steps, MovingAverage(raw, Math.Max(1, raw.Length / 50)));
        smooth.LegendText = "train (moving average)";
        smooth.LineWidth = 2;
        smooth.Color = Colors.Blue;
        if (vSteps.Length > 0)
        {
            var v = plt.Add.Scatter(vSteps, vValues);
            v.LegendText = "validation";
            v.LineWidth = 2;
            v.MarkerSize = 7;
            v.Color = Colors.OrangeRed;
        }
        plt.Title(title);
        plt.XLabel("step");
        plt.YLabel(yLabel);
        plt.ShowLegend(Alignment.UpperRight);
    }

    /// <summary>Trailing mean over <paramref name="window"/> points (shorter at the start).</summary>
    /// <param name="xs">The values.</param>
    /// <param name="window">Points per mean (at least 1).</param>
    public static double[] MovingAverage(double[] xs, int window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        var result = new double[xs.Length];
        double sum = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            sum += xs[i];
            if (i >= window) sum -= xs[i - window];
            result[i] = sum / Math.Min(i + 1, window);
        }
        return result;
    }
}
