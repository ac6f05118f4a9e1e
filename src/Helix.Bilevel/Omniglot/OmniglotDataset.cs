using System.IO.Compression;
using Helix.Core;

namespace Helix.Bilevel.Omniglot;

/// <summary>
/// Omniglot character classes loaded from a zip (<c>images_background_small1.zip</c>), a folder of such zips, or a
/// folder laid out as <c>alphabet/character/*.png</c>. Zips are read directly, never extracted. A class that appears
/// in two sources (Greek and Latin are in both small sets) is kept once.
/// </summary>
public sealed class OmniglotDataset
{
    /// <summary>The classes, sorted by alphabet then name.</summary>
    public IReadOnlyList<OmniglotCharacter> Characters { get; }
    /// <summary>Image side in pixels.</summary>
    public int ImageSize { get; }

    /// <summary>Alphabet names, sorted.</summary>
    public IReadOnlyList<string> Alphabets => Characters.Select(c => c.Alphabet).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Wraps classes already in memory.</summary>
    /// <param name="characters">The classes.</param>
    /// <param name="imageSize">Image side.</param>
    public OmniglotDataset(IReadOnlyList<OmniglotCharacter> characters, int imageSize)
    {
        Characters = characters;
        ImageSize = imageSize;
    }

    /// <summary>Loads every class under <paramref name="path"/>; see the type's summary for the layouts.</summary>
    /// <param name="path">A zip or a folder.</param>
    /// <param name="imageSize">Side to resize to (28 is customary).</param>
    /// <exception cref="FileNotFoundException">Nothing at <paramref name="path"/>, or no drawings in it.</exception>
    /// <exception cref="InvalidInputException">A damaged zip or image.</exception>
    public static OmniglotDataset Load(string path, int imageSize = 28)
    {
        if (imageSize < 4) throw new InvalidOptionException(nameof(ImageSize), $"the image side must be ≥ 4, got {imageSize}");
        var found = new SortedDictionary<(string, string), List<float[]>>();
        if (File.Exists(path)) LoadZip(path, imageSize, found);
        else if (Directory.Exists(path))
        {
            var zips = Directory.GetFiles(path, "images_*.zip").Order(StringComparer.Ordinal).ToArray();
            if (zips.Length > 0) foreach (var z in zips) LoadZip(z, imageSize, found);
            else LoadFolder(path, imageSize, found);
        }
        else
            throw new FileNotFoundException($"{path}: no such Omniglot data folder or zip; give --data a folder holding images_background*.zip (see shared/data/omniglot/README.md) or one of the zips", path);
        if (found.Count == 0)
            throw new FileNotFoundException($"{path}: no Omniglot drawings found (expected alphabet/character/*.png, in images_*.zip files or in folders)", path);
        var chars = found.Select(kv => new OmniglotCharacter(kv.Key.Item1, kv.Key.Item2, kv.Value)).ToList();
        return new OmniglotDataset(chars, imageSize);
    }

    static void LoadZip(string zipPath, int size, SortedDictionary<(string, string), List<float[]>> into)
    {
        ZipArchive zip;
        try { zip = ZipFile.OpenRead(zipPath); }
        catch (InvalidDataException e) { throw new InvalidInputException(zipPath, 0, 0, $"not a readable zip archive ({e.Message})", e); }
        using (zip)
        {
            var local = new Dictionary<(string, string), List<float[]>>();
            foreach (var entry in zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                if (!entry.FullName.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) continue;
                var parts = entry.FullName.Split('/', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 3) continue;
                var key = (parts[^3], parts[^2]);
                if (into.ContainsKey(key)) continue;   // kept from an earlier source
                using var s = entry.Open();
                using var ms = new MemoryStream();
                try { s.CopyTo(ms); }
                catch (InvalidDataException e) { throw new InvalidInputException($"{zipPath}!{entry.FullName}", 0, 0, $"damaged zip entry ({e.Message})", e); }
                var img = OmniglotImage.Decode(ms.ToArray(), size, $"{zipPath}!{entry.FullName}");
                if (!local.TryGetValue(key, out var list)) local[key] = list = new List<float[]>();
                list.Add(img);
            }
            foreach (var kv in local) into[kv.Key] = kv.Value;
        }
    }

    static void LoadFolder(string root, int size, SortedDictionary<(string, string), List<float[]>> into)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var character = Path.GetFileName(Path.GetDirectoryName(file))!;
            var alphabet = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(file)))!;
            var key = (alphabet, character);
            if (!into.TryGetValue(key, out var list)) into[key] = list = new List<float[]>();
            list.Add(OmniglotImage.Decode(File.ReadAllBytes(file), size, file));
        }
    }
}
