
namespace Helix.Proteins.Data;

/// <summary>
/// Finds the default corpus, the example data of the Debian package <c>mmseqs2-examples</c>, and fetches it without
/// root when it is missing: <c>apt-get download</c> into a temporary folder, <c>dpkg-deb -x</c>, then one rename into
/// the cache folder, so a half-finished fetch is never seen as the corpus.
/// </summary>
public static class DefaultCorpus
{
    /// <summary>The Debian package holding the corpus.</summary>
    public const string PackageName = "mmseqs2-examples";
    /// <summary>Where the installed package puts the files.</summary>
    public const string SystemFolder = "/usr/share/doc/mmseqs2/example-data";
    const string PackageFolder = "usr/share/doc/mmseqs2/example-data";
    const string DatabaseName = "DB.fasta.gz", QueryName = "QUERY.fasta.gz";

    /// <summary>Helix's cache folder: <c>$XDG_CACHE_HOME/helix</c>, else <c>~/.cache/helix</c>.</summary>
    public static string CacheFolder => DebianPackageCache.DefaultFolder;

    /// <summary>The corpus if it is installed or cached, else null.</summary>
    public static CorpusFiles? Locate(string? systemFolder = null, string? cacheFolder = null)
    {
        foreach (var folder in new[] { systemFolder ?? SystemFolder, Path.Combine(cacheFolder ?? CacheFolder, PackageName) })
        {
            string db = Path.Combine(folder, DatabaseName), query = Path.Combine(folder, QueryName);
            if (File.Exists(db) && File.Exists(query)) return new CorpusFiles(db, query);
        }
        return null;
    }

    /// <summary>
    /// The corpus, fetched into the cache first when missing. <paramref name="log"/> receives one line per step.
    /// Throws <see cref="IOException"/> with instructions when it cannot be fetched.
    /// </summary>
    public static CorpusFiles Ensure(IProgress<string>? log = null, string? systemFolder = null, string? cacheFolder = null, string aptGet = "apt-get", string dpkgDeb = "dpkg-deb")
    {
        if (Locate(systemFolder, cacheFolder) is { } found) return found;
        var cache = cacheFolder ?? CacheFolder;
        log?.Report($"The default corpus is not installed; fetching the Debian package {PackageName} into {cache} (no root needed)...");
        var target = DebianPackageCache.Fetch(PackageName, PackageFolder, PackageName, cache,
            folder => File.Exists(Path.Combine(folder, DatabaseName)) && File.Exists(Path.Combine(folder, QueryName)),
            Failure, aptGet, dpkgDeb);
        log?.Report($"Fetched the corpus into {target}.");
        return Locate(systemFolder, cacheFolder) ?? throw Failure($"the files are not in {target} after the fetch");
    }

    static IOException Failure(string what) => new(
        $"could not get the default protein corpus: {what}. " +
        $"Install it with `sudo apt-get install {PackageName}` (it puts {DatabaseName} and {QueryName} in {SystemFolder}), " +
        $"or download the .deb on another machine and unpack it with `dpkg-deb -x`, " +
        "or train on any FASTA or UniProt file instead (the training options' DataPath, and QueryPath for a second test set).");
}
