namespace Helix.Orthogonal;

/// <summary>Facts about this library for hosts (the CLI lists them in help).</summary>
public static class OrthogonalLibrary
{
    /// <summary>One line on what the library does.</summary>
    public const string Summary = "Orthogonal and Stiefel weights: CWY/T-CWY parametrizations and Givens-rotation flows.";
}
