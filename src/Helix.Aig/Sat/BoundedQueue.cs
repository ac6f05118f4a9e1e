namespace Helix.Aig.Sat;

/// <summary>The last <c>capacity</c> values with their running sum (Glucose's <c>bqueue</c>), for restart decisions.</summary>
internal sealed class BoundedQueue(int capacity)
{
    readonly long[] _items = new long[capacity];
    int _first, _count;
    long _sum;

    /// <summary>Whether <c>capacity</c> values are held.</summary>
    public bool IsFull => _count == _items.Length;
    /// <summary>Mean of the held values (0 when empty).</summary>
    public double Average => _count == 0 ? 0 : (double)_sum / _count;

    /// <summary>Adds a value, dropping the oldest when full.</summary>
    public void Push(long x)
    {
        if (_count == _items.Length)
        {
            _sum -= _items[_first];
            _items[_first] = x;
            _first = (_first + 1) % _items.Length;
        }
        else _items[(_first + _count++) % _items.Length] = x;
        _sum += x;
    }

    /// <summary>Forgets every value.</summary>
    public void Clear() { _first = 0; _count = 0; _sum = 0; }
}
