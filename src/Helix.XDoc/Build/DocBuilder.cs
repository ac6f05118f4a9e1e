namespace Helix.XDoc;

/// <summary>
/// Builds a manual: reads topic files, the C# API and the command tree; checks links, parents, names, directives,
/// documentation and doctests; and, when <see cref="DocBuildOptions.OutputFolder"/> is set and there are no errors,
/// writes a static site that works from file://.
/// </summary>
public static class DocBuilder
{
    /// <summary>Builds (or only checks, without an output folder) the manual from <paramref name="sources"/>.</summary>
    /// <param name="sources">Where the topics come from.</param>
    /// <param name="options">How to check and write.</param>
    /// <param name="progress">Stage reports, or null.</param>
    /// <param name="cancel">Stops the build at the next stage or topic.</param>
    /// <returns>The manual, every diagnostic and the counters; the site is written only when it succeeded.</returns>
    public static DocBuildResult Run(DocSources sources, DocBuildOptions options, IProgress<DocProgress>? progress = null,
                                     CancellationToken cancel = default)
    {
        options.Validate();
        return new ManualWorker(sources, options, progress, cancel).Run();
    }
}
