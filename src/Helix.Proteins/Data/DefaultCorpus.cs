using System.Diagnostics;

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
    public static string CacheFolder
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "helix");
        }
    }

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
    /// Throws <see cref="InvalidOperationException"/> with instructions when it cannot be fetched.
    /// </summary>
    public static CorpusFiles Ensure(IProgress<string>? log = null, string? systemFolder = null, string? cacheFolder = null, string aptGet = "apt-get", string dpkgDeb = "dpkg-deb")
    {
        if (Locate(systemFolder, cacheFolder) is { } found) return found;
        var cache = cacheFolder ?? CacheFolder;
        Directory.CreateDirectory(cache);
        var work = Path.Combine(cache, $".fetch-{Environment.ProcessId}-{Guid.NewGuid():N}");   // same file system: the final rename is atomic
        Directory.CreateDirectory(work);
        try
        {
            log?.Report($"The default corpus is not installed; fetching the Debian package {PackageName} into {cache} (no root needed)...");
            Run(aptGet, new[] { "download", PackageName }, work, "download");
            var deb = Directory.GetFiles(work, "*.deb").SingleOrDefault()
                ?? throw Failure($"`{aptGet} download {PackageName}` produced no .deb file");
            var extract = Path.Combine(work, "x");
            Run(dpkgDeb, new[] { "-x", deb, extract }, work, "unpack");
            var data = Path.Combine(extract, PackageFolder);
            if (!File.Exists(Path.Combine(data, DatabaseName)) || !File.Exists(Path.Combine(data, QueryName)))
                throw Failure($"the package {PackageName} does not contain {PackageFolder}/{DatabaseName} and {QueryName}");
            var target = Path.Combine(cache, PackageName);
            try { Directory.Move(data, target); }
            catch (IOException) when (Locate(systemFolder, cacheFolder) != null) { }   // another process finished first
            log?.Report($"Fetched the corpus into {target}.");
            return Locate(systemFolder, cacheFolder) ?? throw Failure($"the files are not in {target} after the fetch");
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    static void Run(string program, string[] args, string workingDirectory, string what)
    {
        var psi = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process? p;
        try { p = Process.Start(psi); }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw Failure($"cannot run `{program}` to {what} the package ({e.Message})");
        }
        using (p)
        {
            if (p == null) throw Failure($"cannot run `{program}`");
            var stderr = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
                throw Failure($"`{program} {string.Join(' ', args)}` failed with exit code {p.ExitCode}: {stderr.Result.Trim()}");
        }
    }

    static InvalidOperationException Failure(string what) => new(
        $"could not get the default protein corpus: {what}. " +
        $"Install it with `sudo apt-get install {PackageName}` (it puts {DatabaseName} and {QueryName} in {SystemFolder}), " +
        $"or download the .deb on another machine and unpack it with `dpkg-deb -x`, " +
        "or train on any FASTA file with `--data FILE.fasta[.gz]` (and `--query FILE` for a second test set).");
}
