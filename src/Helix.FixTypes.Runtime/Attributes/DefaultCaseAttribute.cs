namespace Helix.FixTypes;

/// <summary>Marks the case of a <see cref="FixSumAttribute">tagged sum</see> that a missing value fixes to.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DefaultCaseAttribute : Attribute;
