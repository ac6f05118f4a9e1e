namespace Helix.FixTypes;

/// <summary>
/// Makes a partial record (class or struct) a fixtype. Declare its fields as <c>partial</c> properties with
/// <c>get; init;</c> and base-type attributes (<see cref="NatAttribute"/>, <see cref="RangeAttribute"/>, …); the generator
/// implements them so that every assignment fixes its value (or rejects it: <see cref="OnInvalid"/>), and adds
/// <c>IsValid</c>, <c>Fix</c>, <c>Equiv</c>, <c>Default</c>, a fixing constructor and <c>With…</c> updates.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class FixTypeAttribute : Attribute
{
    /// <summary>Whether assignments fix an invalid value (the default) or reject it.</summary>
    public FixPolicy OnInvalid { get; set; }
}
