namespace Helix.FixTypes.Model;

/// <summary>A [FixType] record (a product, or a case of a tagged sum).</summary>
/// <param name="Namespace">Containing namespace, or "" for the global one.</param>
/// <param name="Containers">Declarations of the containing types, outermost first ("partial record Shape").</param>
/// <param name="Name">Simple name.</param>
/// <param name="FullName">Fully qualified name (global::…).</param>
/// <param name="FlatName">Name with containers joined, for generated helper classes ("ShapeCircle").</param>
/// <param name="IsStruct">A record struct.</param>
/// <param name="IsSealed">A sealed record class.</param>
/// <param name="BaseIsFixType">Derives from a fixtype (a case of a tagged sum): hides the base's Default.</param>
/// <param name="IsRecursive">Reaches itself through its fields: generated code is depth-safe.</param>
/// <param name="Fields">The partial properties.</param>
/// <param name="RecursiveFields">Per field: whether its type reaches this type (bounds generator depth).</param>
/// <param name="Reject">[FixType(OnInvalid = FixPolicy.Reject)]: assignments throw on invalid values instead of fixing.</param>
/// <param name="WhyAcross">The type declares a cross-field requirement (<c>WhyAcross</c>, see <see cref="Parsing.AcrossHooks"/>).</param>
/// <param name="FixAcross">The type declares its repair (<c>FixAcross</c>); without it a value breaking the requirement fixes to Default.</param>
internal sealed record TypeModel(
    string Namespace,
    EquatableArray<string> Containers,
    string Name,
    string FullName,
    string FlatName,
    bool IsStruct,
    bool IsSealed,
    bool BaseIsFixType,
    bool IsRecursive,
    EquatableArray<FieldModel> Fields,
    EquatableArray<bool> RecursiveFields,
    bool Reject,
    bool WhyAcross,
    bool FixAcross);
