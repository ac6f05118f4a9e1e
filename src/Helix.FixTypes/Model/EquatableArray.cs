using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Helix.FixTypes.Model;

/// <summary>An immutable array with structural equality, so that models compare by value in the incremental cache.</summary>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T> where T : IEquatable<T>
{
    private readonly T[]? _items;

    public EquatableArray(IEnumerable<T> items) => _items = items.ToArrayOrNull();

    public static EquatableArray<T> Empty => default;

    public int Count => _items?.Length ?? 0;

    public T this[int index] => _items![index];

    public bool Equals(EquatableArray<T> other)
    {
        var a = _items ?? Array.Empty<T>();
        var b = other._items ?? Array.Empty<T>();
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
            if (!a[i].Equals(b[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> o && Equals(o);

    public override int GetHashCode()
    {
        int h = 17;
        if (_items is not null)
            foreach (var x in _items) h = unchecked(h * 31 + x.GetHashCode());
        return h;
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Helpers for <see cref="EquatableArray{T}"/>.</summary>
internal static class EquatableArrayExtensions
{
    public static T[]? ToArrayOrNull<T>(this IEnumerable<T> items)
    {
        var list = new List<T>(items);
        return list.Count == 0 ? null : list.ToArray();
    }

    public static EquatableArray<T> ToEquatable<T>(this IEnumerable<T> items) where T : IEquatable<T> => new(items);

    public static EquatableArray<T> ToEquatable<T>(this ImmutableArray<T> items) where T : IEquatable<T> => new(items);
}
