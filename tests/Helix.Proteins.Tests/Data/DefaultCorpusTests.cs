using System.Diagnostics;
using System.IO.Compression;
using Helix.Proteins.Data;

namespace Helix.Proteins.Tests.Data;

/// <summary>The fetch path, with a stand-in for apt-get that copies a locally built .deb (no network in CI).</summary>
public sealed class DefaultCorpusTests : IDisposable
{
    readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    string Missing => Path.Combine(_dir.Path, "not-installed");

    [Fact]
    public void FetchesThePackageIntoTheCacheAtomically()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/dpkg-deb")) return;   // Debian tool; the CI host is Debian
        var deb = BuildFakeDeb();
        var aptGet = _dir.Write("fake-apt-get", $"#!/bin/sh\n[ \"$1\" = download ] && [ \"$2\" = mmseqs2-examples ] && cp '{deb}' .\n");
        File.SetUnixFileMode(aptGet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var cache = Path.Combine(_dir.Path, "cache");
        var lines = new List<string>();

        Assert.Null(DefaultCorpus.Locate(Missing, cache));
        var files = DefaultCorpus.Ensure(new SyncProgress(lines), Missing, cache, aptGet);
        Assert.Equal(Path.Combine(cache, "mmseqs2-examples", "DB.fasta.gz"), files.Database);
        Assert.Equal(new[] { "P1", "P2" }, FastaReader.Read(files.Database).Select(r => r.Id));
        Assert.Equal(new[] { "mmseqs2-examples" }, Directory.GetFileSystemEntries(cache).Select(Path.GetFileName));   // no leftovers
        Assert.Contains(lines, l => l.Contains("fetching"));
        // Second call finds it without fetching.
        Assert.Equal(files, DefaultCorpus.Ensure(null, Missing, cache, "/nonexistent/apt-get"));
    }

    [Fact]
    public void EmptyPackageListsAreRefreshedPrivatelyAndTheDownloadRetried()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/dpkg-deb")) return;
        var deb = BuildFakeDeb();
        var calls = Path.Combine(_dir.Path, "calls.txt");
        // Like apt-get on a fresh machine: download fails until `update` has filled the lists given with -o.
        var aptGet = _dir.Write("fake-apt-get", $$"""
            #!/bin/sh
            echo "$*" >> '{{calls}}'
            lists=""
            while [ "$1" = -o ]; do case "$2" in Dir::State::Lists=*) lists="${2#Dir::State::Lists=}";; esac; shift 2; done
            if [ "$1" = update ]; then [ -d "$lists/partial" ] && touch "$lists/filled"; exit $?; fi
            if [ "$1" = download ] && [ -n "$lists" ] && [ -f "$lists/filled" ]; then cp '{{deb}}' .; exit 0; fi
            echo "E: Unable to locate package $2" >&2; exit 100
            """);
        File.SetUnixFileMode(aptGet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var cache = Path.Combine(_dir.Path, "cache");

        var files = DefaultCorpus.Ensure(null, Missing, cache, aptGet);

        Assert.Equal(new[] { "P1", "P2" }, FastaReader.Read(files.Database).Select(r => r.Id));
        var log = File.ReadAllLines(calls);
        Assert.Equal(3, log.Length);
        Assert.Equal("download mmseqs2-examples", log[0]);
        Assert.EndsWith("update", log[1]);
        Assert.EndsWith("download mmseqs2-examples", log[2]);
        Assert.Equal(new[] { "mmseqs2-examples" }, Directory.GetFileSystemEntries(cache).Select(Path.GetFileName));   // private lists removed
    }

    [Fact]
    public void WithoutAptGetTheErrorSaysWhatToDo()
    {
        var e = Assert.Throws<IOException>(() =>
            DefaultCorpus.Ensure(null, Missing, Path.Combine(_dir.Path, "cache"), "/nonexistent/apt-get"));
        Assert.Contains("apt-get install mmseqs2-examples", e.Message);
        Assert.Contains("DataPath", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_dir.Path, "cache")));
    }

    string BuildFakeDeb()
    {
        var root = Path.Combine(_dir.Path, "pkg");
        var data = Path.Combine(root, "usr/share/doc/mmseqs2/example-data");
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(Path.Combine(root, "DEBIAN"));
        File.WriteAllText(Path.Combine(root, "DEBIAN/control"),
            "Package: mmseqs2-examples\nVersion: 1\nArchitecture: all\nMaintainer: test <t@t>\nDescription: test\n");
        foreach (var (name, text) in new[] { ("DB.fasta.gz", ">P1\nMKV\n>P2\nAAA\n"), ("QUERY.fasta.gz", ">Q1\nLLL\n") })
        {
            using var f = File.Create(Path.Combine(data, name));
            using var gz = new GZipStream(f, CompressionLevel.Fastest);
            gz.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }
        var deb = Path.Combine(_dir.Path, "mmseqs2-examples_1_all.deb");
        var p = Process.Start(new ProcessStartInfo("dpkg-deb", new[] { "--root-owner-group", "-b", root, deb }) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return deb;
    }

    sealed class SyncProgress(List<string> into) : IProgress<string>
    {
        public void Report(string value) => into.Add(value);
    }
}
