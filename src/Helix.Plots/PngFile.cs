using Helix.Core;
using ScottPlot;

namespace Helix.Plots;

/// <summary>Saves a ScottPlot figure as a PNG through <see cref="AtomicFile"/>, so a reader never sees half an image.</summary>
internal static class PngFile
{
    public static void Save(string path, Multiplot figure, int width, int height)
    {
        var bytes = figure.Render(width, height).GetImageBytes(ImageFormat.Png);
        AtomicFile.WriteAllBytes(path, bytes);
    }
}
