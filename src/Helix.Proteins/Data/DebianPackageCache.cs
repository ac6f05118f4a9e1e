using Helix.Core;

namespace Helix.Proteins.Data;

/// <summary>
/// Fetches a folder of a Debian package without root: <c>apt-get download</c> into a temporary folder,
/// <c>dpkg-deb -x</c>, then one rename into the cache, so a half-finished fetch is never seen as the data.
/// Both programs run through <see cref="ProcessRunner"/>.
/// </summary>
internal static class DebianPackageCache
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    /// <summary>Helix's cache folder: <c>$XDG_CACHE_HOME/helix</c>, else <c>~/.cache/helix</c>.</summary>
    public static string DefaultFolder
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "helix");
        }
    }

    /// <summary>
    /// Downloads <paramref name="package"/>, unpacks it and moves its folder <paramref name="packageFolder"/> to
    /// <c>cache/<paramref name="cacheName"/></c>. <paramref name="complete"/> says whether a folder holds what is needed.
    /// Throws the exception made by <paramref name="failure"/> when any step fails.
    /// </summary>
    public static string Fetch(string package, string packageFolder, string cacheName, string cache, Func<string, bool> complete,
        Func<string, Exception> failure, string aptGet, string dpkgDeb, CancellationToken cancel = default)
    {
        Directory.CreateDirectory(cache);
        var target = Path.Combine(cache, cacheName);
        var work = Path.Combine(cache, $".fetch-{Environment.ProcessId}-{Guid.NewGuid():N}");   // same file system: the final rename is atomic
        Directory.CreateDirectory(work);
        try
        {
            Download(aptGet, package, work, failure, cancel);
            var deb = Directory.GetFiles(work, "*.deb").SingleOrDefault()
                ?? throw failure($"`{aptGet} download {package}` produced no .deb file");
            var extract = Path.Combine(work, "x");
            Run(dpkgDeb, new[] { "-x", deb, extract }, work, "unpack", failure, cancel);
            var data = Path.Combine(extract, packageFolder);
            if (!complete(data)) throw failure($"the package {package} does not contain what is needed in {packageFolder}");
            try { Directory.Move(data, target); }
            catch (IOException) when (complete(target)) { }   // another process finished first
            return target;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// <c>apt-get download</c>; when it fails (on a fresh machine the package lists are often empty), refreshes the
    /// lists into a private folder inside <paramref name="work"/>, which needs no root and leaves the system's lists
    /// alone, and tries once more from those lists.
    /// </summary>
    static void Download(string aptGet, string package, string work, Func<string, Exception> failure, CancellationToken cancel)
    {
        if (Succeeds(aptGet, new[] { "download", package }, work, cancel)) return;
        var lists = Path.Combine(work, "apt", "lists");
        var archives = Path.Combine(work, "apt", "cache");
        Directory.CreateDirectory(Path.Combine(lists, "partial"));
        Directory.CreateDirectory(Path.Combine(archives, "archives", "partial"));
        var own = new[] { "-o", $"Dir::State::Lists={lists}", "-o", $"Dir::Cache={archives}", "-o", "Debug::NoLocking=1" };
        Run(aptGet, own.Append("update").ToArray(), work, "refresh the package lists for", failure, cancel);
        Run(aptGet, own.Concat(new[] { "download", package }).ToArray(), work, "download", failure, cancel);
    }

    static bool Succeeds(string program, string[] args, string workingDirectory, CancellationToken cancel)
    {
        try
        {
            var result = ProcessRunner.Run(program, args, Limit, workingDirectory, cancel: cancel);
            return !result.TimedOut && result.ExitCode == 0;
        }
        catch (ToolNotFoundException) { return false; }
    }

    static void Run(string program, string[] args, string workingDirectory, string what, Func<string, Exception> failure, CancellationToken cancel)
    {
        ProcessResult result;
        try { result = ProcessRunner.Run(program, args, Limit, workingDirectory, cancel: cancel); }
        catch (ToolNotFoundException e) { throw failure($"cannot run `{program}` to {what} the package ({e.Message})"); }
        if (result.TimedOut) throw failure($"`{program} {string.Join(' ', args)}` took longer than {Limit.TotalMinutes} minutes");
        if (result.ExitCode != 0)
            throw failure($"`{program} {string.Join(' ', args)}` failed with exit code {result.ExitCode}: {result.StandardError.Trim()}");
    }
}
