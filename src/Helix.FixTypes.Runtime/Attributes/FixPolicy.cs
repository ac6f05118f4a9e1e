namespace Helix.FixTypes;

/// <summary>What the assignments of a fixtype (init accessors, the constructor, <c>With…</c>) do with an invalid value.</summary>
public enum FixPolicy
{
    /// <summary>Fix it (the default): every assignment succeeds and stores the fixed value.</summary>
    Fix,

    /// <summary>
    /// Reject it: the assignment throws the exception made by the type's own
    /// <c>private static partial Exception Invalid(string property, string reason)</c>, whose reason reads "must be
    /// between 1 and 64, got 0". For records of user input (options), where a bad value must be reported, not repaired.
    /// Every value of the type is still valid; <c>Fix</c>, <c>IsValid</c>, <c>Equiv</c> and JSON reading (which fixes
    /// unless strict) work as for <see cref="Fix"/>. The generated private <c>Checked()</c> returns the value or throws
    /// for its first bad field or the property its cross-field requirement (<c>WhyAcross</c>) blames: call it from
    /// the type's <c>Validate</c>, since initializers and <c>with</c> cannot check a requirement across fields.
    /// </summary>
    Reject,
}
