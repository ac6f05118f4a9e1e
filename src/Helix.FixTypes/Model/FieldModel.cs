namespace Helix.FixTypes.Model;

/// <summary>
/// One field of a fixtype: a partial property and the C# code that fixes and recognizes its values. Code templates use
/// <c>{v}</c> for the value (always a simple name or member access); <see cref="Gen"/> uses <c>{d}</c> for the depth.
/// </summary>
/// <param name="Name">Property name.</param>
/// <param name="Type">Fully qualified type, with nullable annotation.</param>
/// <param name="Accessibility">The property's accessibility keyword(s).</param>
/// <param name="Default">Expression of the default value before fixing.</param>
/// <param name="Fix">Shallow fix (used on every assignment): trusts nested reference fixtypes.</param>
/// <param name="FixDeep">Deep fix (used by <c>Fix</c>): repairs nested values made by bypassing constructors.</param>
/// <param name="Valid">Deep recognizer.</param>
/// <param name="Describe">What a valid value is, for messages ("between 1 and 64").</param>
/// <param name="Gen">CsCheck generator of raw (possibly invalid) values, or null when none can be made.</param>
/// <param name="JsonIgnore">The property carries [JsonIgnore].</param>
/// <param name="Setter">"init", "set" or "" (get-only).</param>
/// <param name="Check">Reject mode: what an assignment checks. <see cref="Valid"/>, except for a nested reference
/// fixtype, whose own checks vouch for its fields: only null is rejected (the whole value is checked by
/// <c>Checked</c>), so that an invalid nested value is reported by the nested type, naming its own property.</param>
/// <param name="Required">A <c>required</c> member: the implementation repeats the modifier, and the constructors the
/// generated code uses set every member (<c>[SetsRequiredMembers]</c>).</param>
internal sealed record FieldModel(
    string Name,
    string Type,
    string Accessibility,
    string Default,
    string Fix,
    string FixDeep,
    string Valid,
    string Describe,
    string? Gen,
    bool JsonIgnore,
    string Setter,
    string Check,
    bool Required);
