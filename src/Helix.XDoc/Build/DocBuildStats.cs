namespace Helix.XDoc;

/// <summary>Counters and timings of a finished build.</summary>
public sealed record DocBuildStats
{
    /// <summary>Topics in the manual, by source.</summary>
    public int Topics { get; init; }
    /// <summary>Topics from topic files.</summary>
    public int FileTopics { get; init; }
    /// <summary>Topics from the C# API (namespaces, types, members).</summary>
    public int ApiTopics { get; init; }
    /// <summary>Topics from the command tree.</summary>
    public int CommandTopics { get; init; }
    /// <summary>Links checked (see, cref, call, def, auto-links).</summary>
    public int Links { get; init; }
    /// <summary>Broken links found.</summary>
    public int BrokenLinks { get; init; }
    /// <summary>Undocumented public types and members found.</summary>
    public int Undocumented { get; init; }
    /// <summary>Doctests run.</summary>
    public int Doctests { get; init; }
    /// <summary>Files written into the site (0 when only checking).</summary>
    public int FilesWritten { get; init; }
    /// <summary>Bytes written into the site.</summary>
    public long BytesWritten { get; init; }
    /// <summary>Bytes of the jump-to index (<c>data/names.js</c>).</summary>
    public long NamesIndexBytes { get; init; }
    /// <summary>Bytes of the full-text index, all shards together.</summary>
    public long SearchIndexBytes { get; init; }
    /// <summary>Time to read and parse every source.</summary>
    public TimeSpan LoadTime { get; init; }
    /// <summary>Time to run the doctests.</summary>
    public TimeSpan DoctestTime { get; init; }
    /// <summary>Time to render and write the site.</summary>
    public TimeSpan WriteTime { get; init; }
    /// <summary>Total time.</summary>
    public TimeSpan TotalTime { get; init; }
}
