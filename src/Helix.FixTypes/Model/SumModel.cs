namespace Helix.FixTypes.Model;

/// <summary>A [FixSum] tagged sum and its cases (nested records deriving from it).</summary>
/// <param name="Namespace">Containing namespace, or "".</param>
/// <param name="Containers">Declarations of the containing types, outermost first.</param>
/// <param name="Name">Simple name.</param>
/// <param name="FullName">Fully qualified name.</param>
/// <param name="FlatName">Name with containers joined.</param>
/// <param name="Cases">Simple names of the cases, in declaration order.</param>
/// <param name="DefaultCase">Index of the case a missing value fixes to.</param>
internal sealed record SumModel(
    string Namespace,
    EquatableArray<string> Containers,
    string Name,
    string FullName,
    string FlatName,
    EquatableArray<string> Cases,
    int DefaultCase);
