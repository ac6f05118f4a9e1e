using System.Text;
using Helix.XDoc;

namespace Helix.XDoc.Tests;

/// <summary>A throwaway repository: topic files under docs/topics, an optional C# project under src/Lib.</summary>
internal sealed class TempManual : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "xdoc-test-" + Guid.NewGuid().ToString("N")[..10]);

    public TempManual()
    {
        Directory.CreateDirectory(Path.Combine(Root, "docs", "topics"));
        Topic("Helix", "", "The root.", "Welcome.");
    }

    /// <summary>Writes docs/topics/NAME.md with a header.</summary>
    public string Topic(string name, string parents, string shortText, string body)
    {
        var file = Path.Combine(Root, "docs", "topics", name.Replace(' ', '-').Replace('.', '-') + ".md");
        var header = "---\nname: " + name + "\n" + (parents.Length > 0 ? "parents: " + parents + "\n" : "") + "short: " + shortText + "\n---\n";
        File.WriteAllText(file, header + body);
        return file;
    }

    public void Raw(string relative, byte[] bytes)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Writes src/Lib/FILE (and the project file once).</summary>
    public void Source(string file, string code)
    {
        var dir = Path.Combine(Root, "src", "Lib");
        Directory.CreateDirectory(dir);
        var proj = Path.Combine(dir, "Lib.csproj");
        if (!File.Exists(proj)) File.WriteAllText(proj, "<Project Sdk=\"Microsoft.NET.Sdk\"></Project>");
        File.WriteAllText(Path.Combine(dir, file), code);
    }

    public DocSources Sources(CommandInfo? commands = null) => new()
    {
        RepositoryRoot = Root,
        TopicFolder = Path.Combine(Root, "docs", "topics"),
        ProjectFolders = Directory.Exists(Path.Combine(Root, "src", "Lib")) ? [Path.Combine(Root, "src", "Lib")] : [],
        Commands = commands,
        ApiParent = "Helix",
        CommandsParent = "Helix",
    };

    public DocBuildResult Build(DocBuildOptions? options = null, CommandInfo? commands = null) =>
        DocBuilder.Run(Sources(commands), options ?? new DocBuildOptions { Threads = 2 });

    public string Out => Path.Combine(Root, "site");

    public void Dispose()
    {
        try { Directory.Delete(Root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

internal static class ResultExtensions
{
    public static List<DocDiagnostic> Of(this DocBuildResult r, string code) => r.Diagnostics.Where(d => d.Code == code).ToList();

    public static string Dump(this DocBuildResult r) => string.Join("\n", r.Diagnostics);
}
