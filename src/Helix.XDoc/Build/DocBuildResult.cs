namespace Helix.XDoc;

/// <summary>What a build produced: the manual, every diagnostic, and the counters.</summary>
/// <param name="Manual">The manual (also when there are errors, for <c>show</c>).</param>
/// <param name="Diagnostics">Errors and warnings, in source order.</param>
/// <param name="Stats">Counters and timings.</param>
public sealed record DocBuildResult(XDocManual Manual, IReadOnlyList<DocDiagnostic> Diagnostics, DocBuildStats Stats)
{
    /// <summary>True when no diagnostic is an error.</summary>
    public bool Succeeded => Diagnostics.All(d => !d.IsError);

    /// <summary>The number of errors.</summary>
    public int ErrorCount => Diagnostics.Count(d => d.IsError);
}
