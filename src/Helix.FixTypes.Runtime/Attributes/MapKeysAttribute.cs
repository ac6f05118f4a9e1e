namespace Helix.FixTypes;

/// <summary>Constrains the keys of a <see cref="FixMap{TKey, TValue}"/> field with an <see cref="IFixer{T}"/>; bad keys
/// are fixed or dropped.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MapKeysAttribute(Type fixer, BadKeys policy) : Attribute
{
    /// <summary>The key's <see cref="IFixer{T}"/> type.</summary>
    public Type Fixer { get; } = fixer;

    /// <summary>Fix or drop bad keys.</summary>
    public BadKeys Policy { get; } = policy;
}
