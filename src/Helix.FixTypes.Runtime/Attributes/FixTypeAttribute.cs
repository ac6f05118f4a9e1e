namespace Helix.FixTypes;

/// <summary>
/// Makes a partial record (class or struct) a fixtype. Declare its fields as <c>partial</c> properties with
/// <c>get; init;</c> and base-type attributes (<see cref="NatAttribute"/>, <see cref="RangeAttribute"/>, …); the generator
/// implements them so that every assignment fixes its value (or rejects it: <see cref="OnInvalid"/>), and adds
/// <c>IsValid</c>, <c>Fix</c>, <c>Equiv</c>, <c>Default</c>, a fixing constructor and <c>With…</c> updates.
/// </summary>
/// <remarks>
/// A requirement across fields is declared by two static methods of the type, found by name and shape (analyzer
/// FIXT007 reports a wrong shape): <c>static (string Property, string Reason)? WhyAcross(T x)</c>, null when the
/// fields fit together, else the property to blame and why (it is asked only of values whose fields are each valid);
/// and optionally <c>static T FixAcross(T x)</c>, the repair <c>Fix</c> applies after fixing the fields (without it,
/// or should its result not be valid, such a value fixes to <c>Default</c>, which must meet the requirement).
/// Assignments check one field at a time (C# has no hook after an initializer); <c>IsValid</c>, <c>Fix</c>, JSON
/// reading and, in reject mode, the generated private <c>Checked()</c> see the whole value.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class FixTypeAttribute : Attribute
{
    /// <summary>Whether assignments fix an invalid value (the default) or reject it.</summary>
    public FixPolicy OnInvalid { get; set; }
}
