using System.CommandLine;
using System.Text.Json;
using Helix.XDoc;

namespace Helix.Cli.Doc;

/// <summary>What the `helix doc` commands share: the sources of Helix's manual, options, and printing.</summary>
internal static class DocCli
{
    public static Option<string?> RootOption() => new("--repo") { Description = "The repository root (default: the folder holding Helix.sln above the working directory)." };
    public static Option<int> BrokenLinksLimit() => new("--broken-links-limit") { Description = "Allow up to N broken links (reported as warnings).", DefaultValueFactory = _ => 0 };
    /// <summary>The undocumented public members Helix had when XDoc came in (Helix.Aig turns CS1591 off): a ratchet, lower it as they get documented.</summary>
    public const int UndocumentedRatchet = 6;

    public static Option<int> UndocumentedLimit() => new("--undocumented-limit")
    {
        Description = $"Allow up to N undocumented public members (reported as warnings; default {UndocumentedRatchet}, Helix's count when XDoc came in).",
        DefaultValueFactory = _ => UndocumentedRatchet,
    };
    public static Option<bool> AllowOrphans() => new("--allow-orphans") { Description = "Report topics whose parents do not exist as warnings, not errors." };
    public static Option<bool> NoDoctests() => new("--no-doctests") { Description = "Do not compile and run the doctests." };
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object with the counts instead of text." };

    public static string RepoRoot(string? given)
    {
        if (given != null)
        {
            if (!Directory.Exists(given)) throw new CliUsageException($"--repo {given}: no such folder");
            return Path.GetFullPath(given);
        }
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Helix.sln"))) return d.FullName;
        throw new CliUsageException("no Helix.sln above the working directory: run inside the repository or pass --repo");
    }

    /// <summary>Helix's manual: docs/topics, every library under src/ (not the apps), and the `helix` command tree.</summary>
    public static DocSources Sources(string repo, RootCommand root) => new()
    {
        RepositoryRoot = repo,
        TopicFolder = Path.Combine(repo, "docs", "topics"),
        ProjectFolders = Directory.Exists(Path.Combine(repo, "src"))
            ? Directory.GetDirectories(Path.Combine(repo, "src"), "Helix.*")
                .Where(d => !Path.GetFileName(d).StartsWith("Helix.Cli", StringComparison.Ordinal) && Directory.EnumerateFiles(d, "*.csproj").Any())
                .Order(StringComparer.Ordinal).ToList()
            : [],
        Commands = Describe(root, "helix"),
    };

    /// <summary>The command tree as XDoc's neutral description (hidden commands and options, and --help, left out).</summary>
    public static CommandInfo Describe(Command c, string? name = null) => new(
        name ?? c.Name,
        c.Description ?? "",
        c.Arguments.Where(a => !a.Hidden).Select(a => new CommandArgumentInfo(a.Name, a.Description ?? "")).ToList(),
        c.Options.Where(o => !o.Hidden && o.Name is not ("--help" or "--version" or "-h" or "-?"))
            .Select(o => new CommandOptionInfo(new[] { o.Name }.Concat(o.Aliases).Distinct().ToList(), o.Description ?? "",
                o.ValueType == typeof(bool) ? null : o.HelpName ?? ValueName(o)))
            .ToList(),
        c.Subcommands.Where(s => !s.Hidden).Select(s => Describe(s)).ToList());

    static string ValueName(Option o) => o.Name.TrimStart('-').ToUpperInvariant().Replace('-', '_');

    public static DocBuildOptions Options(ParseResult p, Option<int> broken, Option<int> undocumented, Option<bool> orphans, Option<bool> noDoctests, string? outDir) => new()
    {
        OutputFolder = outDir,
        BrokenLinksLimit = p.GetValue(broken),
        UndocumentedLimit = p.GetValue(undocumented),
        AllowOrphans = p.GetValue(orphans),
        RunDoctests = !p.GetValue(noDoctests),
    };

    /// <summary>Runs the build and prints diagnostics (stderr) and a summary (stdout); exit 0, or 1 when checks failed.</summary>
    public static int RunAndReport(DocSources sources, DocBuildOptions options, bool json, string verb)
    {
        var progress = new Helix.Core.SyncProgress<DocProgress>(p =>
        {
            if (!Console.IsErrorRedirected) Console.Error.Write($"\r{p.Stage} {(p.Total > 0 ? $"{p.Done}/{p.Total}" : "")}".PadRight(50));
        });
        var result = DocBuilder.Run(sources, options, progress);
        if (!Console.IsErrorRedirected) Console.Error.Write("\r" + new string(' ', 50) + "\r");
        foreach (var d in result.Diagnostics) Console.Error.WriteLine(d);
        var s = result.Stats;
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                ok = result.Succeeded, errors = result.ErrorCount, warnings = result.Diagnostics.Count - result.ErrorCount,
                topics = s.Topics, fileTopics = s.FileTopics, apiTopics = s.ApiTopics, commandTopics = s.CommandTopics,
                links = s.Links, brokenLinks = s.BrokenLinks, undocumented = s.Undocumented, doctests = s.Doctests,
                files = s.FilesWritten, bytes = s.BytesWritten, namesIndexBytes = s.NamesIndexBytes, searchIndexBytes = s.SearchIndexBytes,
                seconds = s.TotalTime.TotalSeconds, output = options.OutputFolder,
            }));
        }
        else
        {
            Console.WriteLine($"{s.Topics} topics ({s.FileTopics} from files, {s.ApiTopics} from the C# API, {s.CommandTopics} commands), " +
                              $"{s.Links} links ({s.BrokenLinks} broken), {s.Doctests} doctests, {s.Undocumented} undocumented; " +
                              $"{result.ErrorCount} errors, {result.Diagnostics.Count - result.ErrorCount} warnings, {s.TotalTime.TotalSeconds:F1} s.");
            if (options.OutputFolder != null)
                Console.WriteLine(result.Succeeded
                    ? $"Wrote {s.FilesWritten} files ({s.BytesWritten / 1024.0 / 1024.0:F1} MiB) to {options.OutputFolder}; open {Path.Combine(Path.GetFullPath(options.OutputFolder), "index.html")} in a browser."
                    : $"The {verb} failed: nothing was written.");
        }
        return result.Succeeded ? 0 : 1;
    }
}
