using System.Runtime.CompilerServices;

namespace Helix.FixTypes;

/// <summary>Whether fixing left a field unchanged: equality for value types, the same instance for references (fixing
/// functions return their argument when it is valid). Used by generated <c>Fix</c>.</summary>
public static class FixSame
{
    /// <summary>True when <paramref name="fixedValue"/> is <paramref name="value"/> unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Same<T>(T fixedValue, T value) =>
        typeof(T).IsValueType ? EqualityComparer<T>.Default.Equals(fixedValue, value) : ReferenceEquals(fixedValue, value);
}
