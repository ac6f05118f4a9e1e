namespace Helix.FixTypes;

/// <summary>
/// The field's default is the value of a static property or parameterless static method of the record, named by
/// <paramref name="member"/> (use <c>nameof</c>): for defaults that are not constants (<c>Path.Combine(...)</c>, a record
/// value). The generator reads it once, fixed, when the type is first used. A property or method, not a static field:
/// the order in which partial files' static fields are initialized is not defined (FIXT008 reports a name that is
/// neither, and the field keeps its ordinary default).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultFromAttribute(string member) : Attribute
{
    /// <summary>The name of the static member that gives the default.</summary>
    public string Member { get; } = member;
}
