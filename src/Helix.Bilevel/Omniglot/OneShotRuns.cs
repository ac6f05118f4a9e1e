using System.IO.Compression;
using Helix.Core;

namespace Helix.Bilevel.Omniglot;

/// <summary>
/// The 20 standard 20-way one-shot runs of Lake et al. (<c>all_runs.zip</c>): each run is an episode with one
/// training drawing per class and 20 test drawings, labelled by <c>class_labels.txt</c>.
/// </summary>
public static class OneShotRuns
{
    /// <summary>Loads every run in the zip as an <see cref="Episode"/> (support: the 20 classes; query: the 20 items).</summary>
    /// <param name="zipPath">Path of all_runs.zip.</param>
    /// <param name="imageSize">Image side.</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidInputException">A damaged zip, image or label file.</exception>
    public static IReadOnlyList<Episode> Load(string zipPath, int imageSize = 28)
    {
        if (!File.Exists(zipPath))
            throw new FileNotFoundException($"{zipPath}: no such file; the one-shot runs are all_runs.zip from the Omniglot repository", zipPath);
        ZipArchive zip;
        try { zip = ZipFile.OpenRead(zipPath); }
        catch (InvalidDataException e) { throw new InvalidInputException(zipPath, 0, 0, $"not a readable zip archive ({e.Message})", e); }
        using (zip)
        {
            var runs = zip.Entries.Select(e => e.FullName.Split('/')[0]).Where(n => n.StartsWith("run", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();
            var episodes = new List<Episode>();
            foreach (var run in runs)
            {
                var labels = zip.GetEntry($"{run}/class_labels.txt")
                    ?? throw new InvalidInputException(zipPath, 0, 0, $"{run}/class_labels.txt is missing");
                using var reader = new StreamReader(labels.Open());
                var pairs = new List<(string Test, string Train)>();
                int lineNo = 0;
                while (reader.ReadLine() is { } line)
                {
                    lineNo++;
                    if (string.IsNullOrWhiteSpace(line)) continue;
                    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length != 2) throw new InvalidInputException($"{zipPath}!{run}/class_labels.txt", lineNo, 1, $"expected 'test/itemNN.png training/classNN.png', found '{line}'");
                    pairs.Add((parts[0], parts[1]));
                }
                var classes = pairs.Select(p => p.Train).Distinct().Order(StringComparer.Ordinal).ToList();
                int px = imageSize * imageSize;
                var sx = new float[classes.Count * px];
                var sy = new long[classes.Count];
                for (int c = 0; c < classes.Count; c++)
                {
                    Read(zip, zipPath, run, classes[c], imageSize).CopyTo(sx, c * px);
                    sy[c] = c;
                }
                var qx = new float[pairs.Count * px];
                var qy = new long[pairs.Count];
                for (int i = 0; i < pairs.Count; i++)
                {
                    Read(zip, zipPath, run, pairs[i].Test, imageSize).CopyTo(qx, i * px);
                    qy[i] = classes.IndexOf(pairs[i].Train);
                }
                episodes.Add(new Episode(classes.Count, imageSize, sx, sy, qx, qy));
            }
            if (episodes.Count == 0) throw new InvalidInputException(zipPath, 0, 0, "no runNN folders in the zip");
            return episodes;
        }
    }

    static float[] Read(ZipArchive zip, string zipPath, string run, string name, int size)
    {
        // Labels name files like "run01/test/item01.png" or "test/item01.png".
        var rel = name.StartsWith(run + "/", StringComparison.Ordinal) ? name : $"{run}/{name}";
        var entry = zip.GetEntry(rel) ?? throw new InvalidInputException(zipPath, 0, 0, $"{rel} is named in class_labels.txt but missing");
        using var s = entry.Open();
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return OmniglotImage.Decode(ms.ToArray(), size, $"{zipPath}!{rel}");
    }
}
