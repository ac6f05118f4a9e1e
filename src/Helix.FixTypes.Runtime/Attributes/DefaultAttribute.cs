namespace Helix.FixTypes;

/// <summary>The field's default value (itself fixed). For an enum field it is also what an undefined value fixes to.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class DefaultAttribute(object? value) : Attribute
{
    /// <summary>The default value.</summary>
    public object? Value { get; } = value;
}
