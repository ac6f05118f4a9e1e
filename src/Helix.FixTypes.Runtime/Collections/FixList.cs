using System.Collections;
using System.Text.Json.Serialization;
using Helix.FixTypes.Json;

namespace Helix.FixTypes;

/// <summary>
/// An immutable list with structural equality (FTY's deflist): two lists are equal when their elements are, in order.
/// The owning fixtype fixes the elements; the list itself only stores them.
/// </summary>
[JsonConverter(typeof(FixListJsonConverterFactory))]
public sealed class FixList<T> : IReadOnlyList<T>, IEquatable<FixList<T>>
{
    private readonly T[] _items;
    private int _hash;

    /// <summary>The empty list.</summary>
    public static FixList<T> Empty { get; } = new([]);

    /// <summary>Wraps <paramref name="items"/> without copying; the caller must not change the array afterwards.</summary>
    internal FixList(T[] items) => _items = items;

    /// <summary>A list of a copy of <paramref name="items"/>.</summary>
    public static FixList<T> Of(params ReadOnlySpan<T> items) => items.Length == 0 ? Empty : new(items.ToArray());

    /// <summary>A list of a copy of <paramref name="items"/>.</summary>
    public static FixList<T> From(IEnumerable<T> items)
    {
        var a = items.ToArray();
        return a.Length == 0 ? Empty : new(a);
    }

    /// <summary>Number of elements.</summary>
    public int Count => _items.Length;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public T this[int index] => _items[index];

    /// <summary>The elements as a span.</summary>
    public ReadOnlySpan<T> AsSpan() => _items;

    /// <summary>A new list with <paramref name="item"/> appended.</summary>
    public FixList<T> Add(T item)
    {
        var a = new T[_items.Length + 1];
        _items.CopyTo(a, 0);
        a[^1] = item;
        return new(a);
    }

    /// <summary>A new list with the element at <paramref name="index"/> replaced.</summary>
    public FixList<T> SetItem(int index, T item)
    {
        var a = (T[])_items.Clone();
        a[index] = item;
        return new(a);
    }

    /// <summary>Applies <paramref name="fix"/> to every element; returns this same list when nothing changes.</summary>
    public FixList<T> Map(Func<T, T> fix)
    {
        var cmp = EqualityComparer<T>.Default;
        for (int i = 0; i < _items.Length; i++)
        {
            var f = fix(_items[i]);
            if (cmp.Equals(f, _items[i]) && (typeof(T).IsValueType || ReferenceEquals(f, _items[i]))) continue;
            var a = (T[])_items.Clone();
            a[i] = f;
            for (int j = i + 1; j < a.Length; j++) a[j] = fix(a[j]);
            return new(a);
        }
        return this;
    }

    /// <summary>Whether every element satisfies <paramref name="valid"/>.</summary>
    public bool All(Func<T, bool> valid)
    {
        foreach (var x in _items)
            if (!valid(x)) return false;
        return true;
    }

    /// <summary>Structural equality.</summary>
    public bool Equals(FixList<T>? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._items.Length != _items.Length) return false;
        if (_hash != 0 && other._hash != 0 && _hash != other._hash) return false;
        var cmp = EqualityComparer<T>.Default;
        for (int i = 0; i < _items.Length; i++)
            if (!cmp.Equals(_items[i], other._items[i])) return false;
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FixList<T> l && Equals(l);

    /// <summary>Structural hash, computed once.</summary>
    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        var h = new HashCode();
        h.Add(_items.Length);
        foreach (var x in _items) h.Add(x);
        int r = h.ToHashCode();
        _hash = r == 0 ? 1 : r;
        return _hash;
    }

    /// <summary>Elements in order.</summary>
    public ReadOnlySpan<T>.Enumerator GetEnumerator() => new ReadOnlySpan<T>(_items).GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <summary>Structural equality.</summary>
    public static bool operator ==(FixList<T>? a, FixList<T>? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(FixList<T>? a, FixList<T>? b) => !(a == b);

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}
