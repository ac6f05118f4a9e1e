using Helix.Core;

namespace Helix.Bench.Infrastructure;

/// <summary>
/// Replaces one benchmark's section of BENCHMARKS.md, between &lt;!-- bench:NAME --&gt; and &lt;!-- /bench:NAME --&gt;,
/// leaving the other sections alone. A missing section is appended.
/// </summary>
public static class BenchmarksMarkdown
{
    public static void ReplaceSection(string markdownPath, string name, string body)
    {
        string begin = $"<!-- bench:{name} -->", end = $"<!-- /bench:{name} -->";
        var text = File.Exists(markdownPath) ? File.ReadAllText(markdownPath) : "# Benchmarks\n";
        var block = begin + "\n" + body.TrimEnd() + "\n" + end;
        int i = text.IndexOf(begin, StringComparison.Ordinal), j = text.IndexOf(end, StringComparison.Ordinal);
        text = i >= 0 && j > i
            ? text[..i] + block + text[(j + end.Length)..]
            : text.TrimEnd() + "\n\n" + block + "\n";
        AtomicFile.WriteAllText(markdownPath, text);
    }

    /// <summary>The repository root (the folder holding Helix.sln) above the working directory, else the working directory.</summary>
    public static string FindRepoRoot()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Helix.sln"))) return d.FullName;
        return Directory.GetCurrentDirectory();
    }
}
