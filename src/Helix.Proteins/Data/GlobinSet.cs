namespace Helix.Proteins.Data;

/// <summary>
/// A held-out family set: the 630 globins of the Debian package <c>emboss-test</c> (<c>globins630.fa</c>:
/// α and β haemoglobins, myoglobins, leghaemoglobins and other globins, named like HBA_HUMAN). The family of a
/// globin is its name before the underscore (HBA, HBB, MYG, ...). Fetched without root like the default corpus.
/// </summary>
public static class GlobinSet
{
    /// <summary>The Debian package holding the file.</summary>
    public const string PackageName = "emboss-test";
    /// <summary>Where the installed package puts it.</summary>
    public const string SystemFolder = "/usr/share/EMBOSS/test/data/hmmnew";
    const string PackageFolder = "usr/share/EMBOSS/test/data/hmmnew";
    /// <summary>The file name.</summary>
    public const string FileName = "globins630.fa";

    /// <summary>The file if installed or cached, else null.</summary>
    public static string? Locate(string? systemFolder = null, string? cacheFolder = null)
    {
        foreach (var folder in new[] { systemFolder ?? SystemFolder, Path.Combine(cacheFolder ?? DefaultCorpus.CacheFolder, PackageName) })
        {
            var file = Path.Combine(folder, FileName);
            if (File.Exists(file)) return file;
        }
        return null;
    }

    /// <summary>The file, fetched into the cache first when missing; throws <see cref="IOException"/> when it cannot be fetched.</summary>
    public static string Ensure(IProgress<string>? log = null, string? systemFolder = null, string? cacheFolder = null, string aptGet = "apt-get", string dpkgDeb = "dpkg-deb")
    {
        if (Locate(systemFolder, cacheFolder) is { } found) return found;
        var cache = cacheFolder ?? DefaultCorpus.CacheFolder;
        log?.Report($"Fetching the globins of the Debian package {PackageName} into {cache} (no root needed)...");
        DebianPackageCache.Fetch(PackageName, PackageFolder, PackageName, cache, folder => File.Exists(Path.Combine(folder, FileName)),
            what => new IOException($"could not get {FileName}: {what}. Install it with `sudo apt-get install {PackageName}`."), aptGet, dpkgDeb);
        return Locate(systemFolder, cacheFolder) ?? throw new IOException($"{FileName} is not in the cache after the fetch");
    }

    /// <summary>The family of a record id: the part before the first underscore (HBA_HUMAN → HBA).</summary>
    public static string Family(string id)
    {
        int u = id.IndexOf('_');
        return u > 0 ? id[..u] : id;
    }
}
