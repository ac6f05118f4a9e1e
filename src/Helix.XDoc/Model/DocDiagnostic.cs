namespace Helix.XDoc;

/// <summary>One problem found while building the manual, with a stable code and a location.</summary>
/// <param name="Code">The stable code, one of <see cref="DiagnosticCodes"/>.</param>
/// <param name="IsError">True for an error (the build fails), false for a warning (allowed by an option).</param>
/// <param name="Location">Where the problem is.</param>
/// <param name="Message">What was found and what was expected.</param>
public sealed record DocDiagnostic(string Code, bool IsError, SourceLocation Location, string Message)
{
    /// <summary>`file:line: error XD001: message`.</summary>
    public override string ToString() => $"{Location}: {(IsError ? "error" : "warning")} {Code}: {Message}";
}
