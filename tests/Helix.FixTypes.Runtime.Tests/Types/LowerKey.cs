namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>Map keys: non-empty lower-case strings.</summary>
public sealed class LowerKey : IFixer<string>
{
    public static bool IsValid(string value) => value is { Length: > 0 } && value == value.ToLowerInvariant();

    public static string Fix(string value) => string.IsNullOrEmpty(value) ? "_" : value.ToLowerInvariant();
}
