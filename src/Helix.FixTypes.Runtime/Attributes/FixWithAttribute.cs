namespace Helix.FixTypes;

/// <summary>Fixes a field (or a list's elements, a map's values) with a custom base type: a type that implements
/// <see cref="IFixer{T}"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class FixWithAttribute(Type fixer) : Attribute
{
    /// <summary>The <see cref="IFixer{T}"/> type.</summary>
    public Type Fixer { get; } = fixer;
}
