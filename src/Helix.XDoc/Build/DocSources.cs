namespace Helix.XDoc;

/// <summary>Where a manual's topics come from. Every source is optional.</summary>
public sealed record DocSources
{
    /// <summary>The repository root: locations and source links are relative to it.</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>The folder of Markdown topic files (<c>docs/topics</c>), or null.</summary>
    public string? TopicFolder { get; init; }

    /// <summary>Folders of C# projects whose public API becomes topics (compiled from source with Roslyn).</summary>
    public IReadOnlyList<string> ProjectFolders { get; init; } = [];

    /// <summary>The command tree of the command-line tool, or null.</summary>
    public CommandInfo? Commands { get; init; }

    /// <summary>The parent topic of the command tree's root command.</summary>
    public string CommandsParent { get; init; } = "Command line";

    /// <summary>The parent topic of top-level namespaces that have no topic file.</summary>
    public string ApiParent { get; init; } = "Helix";

    /// <summary>Extra topics made by the caller (generated manuals, tests).</summary>
    public IReadOnlyList<Topic> ExtraTopics { get; init; } = [];
}
