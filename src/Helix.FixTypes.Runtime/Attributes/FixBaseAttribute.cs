namespace Helix.FixTypes;

/// <summary>Registers a custom base type: every fixtype field of the marked type is fixed by <see cref="Fixer"/>
/// (an <see cref="IFixer{T}"/>), as if it carried <see cref="FixWithAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class FixBaseAttribute(Type fixer) : Attribute
{
    /// <summary>The <see cref="IFixer{T}"/> type.</summary>
    public Type Fixer { get; } = fixer;
}
