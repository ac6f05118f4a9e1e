namespace Helix.XDoc;

/// <summary>Where a topic came from.</summary>
public enum TopicKind
{
    /// <summary>A Markdown topic file under the topic folder.</summary>
    File,
    /// <summary>A namespace with no topic file of its own.</summary>
    Namespace,
    /// <summary>A public type, from its C# XML documentation.</summary>
    Type,
    /// <summary>A public member (all overloads of one name), from its C# XML documentation.</summary>
    Member,
    /// <summary>A command of the command-line tool, from its help.</summary>
    Command,
}
