using System.Collections;
using System.Text.Json.Serialization;
using Helix.FixTypes.Json;

namespace Helix.FixTypes;

/// <summary>
/// An immutable map with structural, order-independent equality (FTY's defalist/defmap); enumeration keeps insertion
/// order. Adding a key that is already present keeps the first value (alist lookup semantics).
/// </summary>
[JsonConverter(typeof(FixMapJsonConverterFactory))]
public sealed class FixMap<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>, IEquatable<FixMap<TKey, TValue>>
    where TKey : notnull
{
    private readonly KeyValuePair<TKey, TValue>[] _entries;
    private readonly Dictionary<TKey, int> _index;
    private int _hash;

    /// <summary>The empty map.</summary>
    public static FixMap<TKey, TValue> Empty { get; } = new([], new());

    private FixMap(KeyValuePair<TKey, TValue>[] entries, Dictionary<TKey, int> index)
    {
        _entries = entries;
        _index = index;
    }

    /// <summary>A map of <paramref name="entries"/>; for a repeated key the first entry wins.</summary>
    public static FixMap<TKey, TValue> From(IEnumerable<KeyValuePair<TKey, TValue>> entries)
    {
        var list = new List<KeyValuePair<TKey, TValue>>();
        var index = new Dictionary<TKey, int>();
        foreach (var e in entries)
            if (index.TryAdd(e.Key, list.Count)) list.Add(e);
        return list.Count == 0 ? Empty : new(list.ToArray(), index);
    }

    /// <summary>A map of the given pairs; for a repeated key the first wins.</summary>
    public static FixMap<TKey, TValue> Of(params (TKey Key, TValue Value)[] entries) =>
        From(entries.Select(e => new KeyValuePair<TKey, TValue>(e.Key, e.Value)));

    /// <summary>Fixes keys and values. A key <paramref name="keyValid"/> rejects is fixed by <paramref name="keyFix"/>
    /// or dropped (<paramref name="drop"/>). Returns this same map when nothing changes.</summary>
    public FixMap<TKey, TValue> Map(Func<TKey, bool>? keyValid, Func<TKey, TKey>? keyFix, bool drop, Func<TValue, TValue>? valueFix)
    {
        bool changed = false;
        var vcmp = EqualityComparer<TValue>.Default;
        foreach (var e in _entries)
        {
            if (keyValid is not null && !keyValid(e.Key)) { changed = true; break; }
            if (valueFix is not null)
            {
                var v = valueFix(e.Value);
                if (!vcmp.Equals(v, e.Value) || (!typeof(TValue).IsValueType && !ReferenceEquals(v, e.Value))) { changed = true; break; }
            }
        }
        if (!changed) return this;
        return From(Fixed());

        IEnumerable<KeyValuePair<TKey, TValue>> Fixed()
        {
            foreach (var e in _entries)
            {
                var k = e.Key;
                if (keyValid is not null && !keyValid(k))
                {
                    if (drop || keyFix is null) continue;
                    k = keyFix(k);
                }
                yield return new(k, valueFix is null ? e.Value : valueFix(e.Value));
            }
        }
    }

    /// <summary>Whether every key and value is valid.</summary>
    public bool All(Func<TKey, bool>? keyValid, Func<TValue, bool>? valueValid)
    {
        foreach (var e in _entries)
            if ((keyValid is not null && !keyValid(e.Key)) || (valueValid is not null && !valueValid(e.Value))) return false;
        return true;
    }

    /// <summary>A new map with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public FixMap<TKey, TValue> SetItem(TKey key, TValue value) =>
        From(_entries.Where(e => !EqualityComparer<TKey>.Default.Equals(e.Key, key)).Append(new(key, value)));

    /// <summary>Number of entries.</summary>
    public int Count => _entries.Length;

    /// <summary>The value of <paramref name="key"/>.</summary>
    public TValue this[TKey key] => _entries[_index[key]].Value;

    /// <summary>Keys in insertion order.</summary>
    public IEnumerable<TKey> Keys => _entries.Select(e => e.Key);

    /// <summary>Values in insertion order.</summary>
    public IEnumerable<TValue> Values => _entries.Select(e => e.Value);

    /// <summary>Whether <paramref name="key"/> is present.</summary>
    public bool ContainsKey(TKey key) => _index.ContainsKey(key);

    /// <summary>Looks up <paramref name="key"/>.</summary>
    public bool TryGetValue(TKey key, out TValue value)
    {
        if (_index.TryGetValue(key, out int i)) { value = _entries[i].Value; return true; }
        value = default!;
        return false;
    }

    /// <summary>Entries in insertion order.</summary>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<TKey, TValue>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Same keys with equal values, in any order.</summary>
    public bool Equals(FixMap<TKey, TValue>? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._entries.Length != _entries.Length) return false;
        if (GetHashCode() != other.GetHashCode()) return false;
        var vcmp = EqualityComparer<TValue>.Default;
        foreach (var e in _entries)
            if (!other.TryGetValue(e.Key, out var v) || !vcmp.Equals(v, e.Value)) return false;
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FixMap<TKey, TValue> m && Equals(m);

    /// <summary>Order-independent hash, computed once.</summary>
    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        int h = _entries.Length;
        foreach (var e in _entries) h += HashCode.Combine(e.Key, e.Value) * 0x2c1b3c6d + 0x297a2d39;
        _hash = h == 0 ? 1 : h;
        return _hash;
    }

    /// <summary>Structural equality.</summary>
    public static bool operator ==(FixMap<TKey, TValue>? a, FixMap<TKey, TValue>? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(FixMap<TKey, TValue>? a, FixMap<TKey, TValue>? b) => !(a == b);

    /// <inheritdoc />
    public override string ToString() => "{" + string.Join(", ", _entries.Select(e => $"{e.Key}: {e.Value}")) + "}";
}
