namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>Options (defoption) of a struct fixtype, a record fixtype and a normalized string.</summary>
[FixType]
public partial record Options
{
    public partial Point? MaybePoint { get; init; }
    public partial Scalars? MaybeScalars { get; init; }
    [Str(Trim = true)] public partial string? Note { get; init; }
}
