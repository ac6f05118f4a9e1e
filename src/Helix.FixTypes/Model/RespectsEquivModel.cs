namespace Helix.FixTypes.Model;

/// <summary>A static [RespectsEquiv] method whose parameters are all fixtypes.</summary>
/// <param name="Owner">Fully qualified containing type.</param>
/// <param name="Method">Method name.</param>
/// <param name="Id">Unique identifier for the generated check ("Geometry_Area").</param>
/// <param name="ParameterTypes">Fully qualified parameter types.</param>
/// <param name="ParameterGens">Generator class (fully qualified) of each parameter type.</param>
/// <param name="ReturnType">Fully qualified return type.</param>
internal sealed record RespectsEquivModel(
    string Owner,
    string Method,
    string Id,
    EquatableArray<string> ParameterTypes,
    EquatableArray<string> ParameterGens,
    string ReturnType);
