namespace Helix.FixTypes;

/// <summary>
/// Makes an abstract partial record a tagged sum (FTY's deftagsum). Its cases are the nested partial records that
/// derive from it, each a <see cref="FixTypeAttribute">[FixType]</see>. The generator adds a <c>Kinds</c> enum, a
/// <c>Kind</c> property, exhaustive <c>Match</c>/<c>Switch</c>, and <c>Fix</c> to the case marked
/// <see cref="DefaultCaseAttribute"/> (else the first case) for a missing value.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FixSumAttribute : Attribute;
