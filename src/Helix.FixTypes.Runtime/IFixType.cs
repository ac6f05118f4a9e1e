namespace Helix.FixTypes;

/// <summary>What every generated fixtype provides (FTY's recognizer, fix and equivalence).</summary>
public interface IFixType<TSelf> where TSelf : IFixType<TSelf>
{
    /// <summary>The value a missing or empty value fixes to.</summary>
    static abstract TSelf Default { get; }

    /// <summary>The recognizer: every field satisfies its constraint (deeply).</summary>
    static abstract bool IsValid(TSelf? value);

    /// <summary>Total and idempotent; the identity (same instance) on valid values.</summary>
    static abstract TSelf Fix(TSelf? value);

    /// <summary>Equality of the fixed values.</summary>
    static abstract bool Equiv(TSelf? x, TSelf? y);
}
