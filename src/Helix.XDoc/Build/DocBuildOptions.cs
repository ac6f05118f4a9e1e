using Helix.Core;

namespace Helix.XDoc;

/// <summary>How a manual is checked and written.</summary>
public sealed record DocBuildOptions : IValidatable<DocBuildOptions>
{
    /// <summary>The root topic: the one topic with no parents.</summary>
    public string Root { get; init; } = "Helix";

    /// <summary>The folder to write the site into, or null to check only.</summary>
    public string? OutputFolder { get; init; }

    /// <summary>How many broken links are allowed before they become errors (XDOC's <c>broken-links-limit</c>); up to
    /// this many are warnings.</summary>
    public int BrokenLinksLimit { get; init; }

    /// <summary>How many undocumented public members are allowed before they become errors.</summary>
    public int UndocumentedLimit { get; init; }

    /// <summary>Allow topics whose parents do not exist (they are then warnings, and the topic hangs under the root).</summary>
    public bool AllowOrphans { get; init; }

    /// <summary>Whether to compile and run doctests.</summary>
    public bool RunDoctests { get; init; } = true;

    /// <summary>How long one doctest may run.</summary>
    public TimeSpan DoctestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Assemblies doctests may use besides the runtime and the Helix assemblies the host has loaded.</summary>
    public IReadOnlyList<string> DoctestReferences { get; init; } = [];

    /// <summary>A URL prefix for source links (<c>https://github.com/o/r/blob/main/</c>); null links to the files
    /// themselves, relative to the site, which works from file:// when the site is inside the repository.</summary>
    public string? SourceLinkBase { get; init; }

    /// <summary>The manual's title.</summary>
    public string Title { get; init; } = "Helix manual";

    /// <summary>Worker threads for parsing and writing (0 = all cores).</summary>
    public int Threads { get; init; }

    /// <summary>Throws <see cref="InvalidOptionException"/> when an option is out of range.</summary>
    public DocBuildOptions Validate()
    {
        Check.That(!string.IsNullOrWhiteSpace(Root), nameof(Root), "must name the root topic");
        Check.NonNegative(BrokenLinksLimit, nameof(BrokenLinksLimit));
        Check.NonNegative(UndocumentedLimit, nameof(UndocumentedLimit));
        Check.Positive(DoctestTimeout.TotalMilliseconds, nameof(DoctestTimeout));
        Check.NonNegative(Threads, nameof(Threads));
        return this;
    }
}
