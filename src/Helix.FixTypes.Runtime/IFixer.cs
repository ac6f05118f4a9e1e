namespace Helix.FixTypes;

/// <summary>A custom base type: a recognizer and a fixing function. <see cref="Fix"/> must be total, return a valid
/// value, and be the identity on valid values. A fixer may also declare <c>public const string Description</c> ("a
/// positive time"): messages then say "must be a positive time, got …".</summary>
public interface IFixer<T>
{
    /// <summary>The recognizer.</summary>
    static abstract bool IsValid(T value);

    /// <summary>The fixing function.</summary>
    static abstract T Fix(T value);
}
