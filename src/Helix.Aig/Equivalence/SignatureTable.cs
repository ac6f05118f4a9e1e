namespace Helix.Aig.Equivalence;

/// <summary>
/// Open-addressing map from a simulation-signature hash to the first node that has it. Clearing is O(1) by
/// bumping a generation stamp, so rebuilding after every counterexample stays cheap.
/// </summary>
internal sealed class SignatureTable
{
    readonly ulong[] _keys;
    readonly int[] _nodes;
    readonly int[] _stamp;
    readonly int _mask;
    int _generation = 1;

    public SignatureTable(int capacity)
    {
        int size = 16;
        while (size < 2 * capacity) size *= 2;
        _keys = new ulong[size]; _nodes = new int[size]; _stamp = new int[size];
        _mask = size - 1;
    }

    public void Clear() => _generation++;

    /// <summary>Adds <paramref name="node"/> under <paramref name="key"/> unless the key is present.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void TryAdd(ulong key, int node)
    {
        int h = Slot(key);
        while (_stamp[h] == _generation)
        {
            if (_keys[h] == key) return;
            h = (h + 1) & _mask;
        }
        _stamp[h] = _generation; _keys[h] = key; _nodes[h] = node;
    }

    /// <summary>The first node added under <paramref name="key"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(ulong key, out int node)
    {
        int h = Slot(key);
        while (_stamp[h] == _generation)
        {
            if (_keys[h] == key) { node = _nodes[h]; return true; }
            h = (h + 1) & _mask;
        }
        node = -1;
        return false;
    }

    int Slot(ulong key) => (int)((key ^ (key >> 29)) * 0x9E3779B97F4A7C15UL >> 32) & _mask;
}
