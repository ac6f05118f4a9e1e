using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Helix.Aig.Sat;

/// <summary>
/// The decision order: a binary max-heap of variables keyed by their activity (EVSIDS), after MiniSat's
/// <c>Heap</c> in <c>mtl</c>. The heap owns the activities, so bumping and rescaling keep the order consistent.
/// Each heap slot also holds a copy of its variable's activity, so sifting reads one contiguous array instead of
/// chasing <c>activity[heap[i]]</c> (decision-heavy miter instances spent half their time in <see cref="Pop"/>).
/// </summary>
internal sealed class VarHeap
{
    int[] _heap = new int[1];
    double[] _key = new double[1];   // _key[i] == _activity[_heap[i]]
    int[] _index = { -1 };           // position in the heap, -1 when absent
    double[] _activity = new double[1];
    int _size;

    /// <summary>Variables in the heap.</summary>
    public int Count => _size;
    /// <summary>Activity of variable <paramref name="v"/>.</summary>
    public double Activity(int v) => _activity[v];
    /// <summary>Whether <paramref name="v"/> is in the heap.</summary>
    public bool Contains(int v) => _index[v] >= 0;

    /// <summary>Makes room for variables 0..<paramref name="n"/>-1.</summary>
    public void Grow(int n)
    {
        if (n <= _index.Length) return;
        int old = _index.Length;
        Array.Resize(ref _heap, n); Array.Resize(ref _key, n); Array.Resize(ref _index, n); Array.Resize(ref _activity, n);
        Array.Fill(_index, -1, old, n - old);
    }

    /// <summary>Adds a fresh variable with activity 0. Pre: <see cref="Grow"/> covered it.</summary>
    public void AddVar(int v) { _activity[v] = 0; _index[v] = -1; Insert(v); }

    /// <summary>Inserts <paramref name="v"/> unless present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Insert(int v)
    {
        if (_index[v] >= 0) return;
        int i = _size++;
        Up(i, v, _activity[v]);
    }

    /// <summary>
    /// Sets the key of <paramref name="v"/> to <paramref name="key"/> and moves it to its place, inserting it when
    /// absent (the eliminator's queue: key = minus the occurrence product). Pre: <see cref="Grow"/> covered it.
    /// </summary>
    public void Set(int v, double key)
    {
        _activity[v] = key;
        int i = _index[v];
        if (i < 0) { Up(_size++, v, key); return; }
        if (key > _key[i]) Up(i, v, key); else Down(i, v, key);
    }

    /// <summary>Removes <paramref name="v"/> if present (a variable that stopped being a decision variable).</summary>
    public void Remove(int v)
    {
        int i = _index[v];
        if (i < 0) return;
        _index[v] = -1;
        int n = --_size;
        if (i == n) return;
        int last = _heap[n];
        double lastKey = _key[n];
        if (lastKey > _key[i]) Up(i, last, lastKey); else Down(i, last, lastKey);
    }

    /// <summary>Removes and returns the most active variable. Pre: <see cref="Count"/> &gt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Pop()
    {
        int top = _heap[0];
        _index[top] = -1;
        int n = --_size;
        if (n > 0) Down(0, _heap[n], _key[n]);
        return top;
    }

    /// <summary>
    /// Adds <paramref name="inc"/> to the activity of <paramref name="v"/>. Post: when an activity passes 1e100 all
    /// activities and <paramref name="inc"/> are scaled by 1e-100 (order unchanged).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Bump(int v, ref double inc, int varCount)
    {
        double a = _activity[v] += inc;
        if (a > 1e100)
        {
            for (int i = 0; i < varCount; i++) _activity[i] *= 1e-100;
            for (int i = 0; i < _size; i++) _key[i] *= 1e-100;
            inc *= 1e-100;
            a = _activity[v];
        }
        int at = _index[v];
        if (at >= 0) Up(at, v, a);
    }

    // Up and Down read through refs: every slot index is below _size ≤ the arrays' length, every variable below
    // the index array's length, so the bounds checks can go.

    /// <summary>Places <paramref name="v"/> (key <paramref name="a"/>) at slot <paramref name="i"/> or above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Up(int i, int v, double a)
    {
        ref int heap = ref MemoryMarshal.GetArrayDataReference(_heap);
        ref double key = ref MemoryMarshal.GetArrayDataReference(_key);
        ref int index = ref MemoryMarshal.GetArrayDataReference(_index);
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            double pk = Unsafe.Add(ref key, parent);
            if (pk >= a) break;
            int pv = Unsafe.Add(ref heap, parent);
            Unsafe.Add(ref heap, i) = pv; Unsafe.Add(ref key, i) = pk; Unsafe.Add(ref index, pv) = i;
            i = parent;
        }
        Unsafe.Add(ref heap, i) = v; Unsafe.Add(ref key, i) = a; Unsafe.Add(ref index, v) = i;
    }

    /// <summary>Places <paramref name="v"/> (key <paramref name="a"/>) at slot <paramref name="i"/> or below.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Down(int i, int v, double a)
    {
        ref int heap = ref MemoryMarshal.GetArrayDataReference(_heap);
        ref double key = ref MemoryMarshal.GetArrayDataReference(_key);
        ref int index = ref MemoryMarshal.GetArrayDataReference(_index);
        int size = _size;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= size) break;
            double ck = Unsafe.Add(ref key, child);
            if (child + 1 < size)
            {
                double rk = Unsafe.Add(ref key, child + 1);
                if (rk > ck) { child++; ck = rk; }
            }
            if (ck <= a) break;
            int cv = Unsafe.Add(ref heap, child);
            Unsafe.Add(ref heap, i) = cv; Unsafe.Add(ref key, i) = ck; Unsafe.Add(ref index, cv) = i;
            i = child;
        }
        Unsafe.Add(ref heap, i) = v; Unsafe.Add(ref key, i) = a; Unsafe.Add(ref index, v) = i;
    }
}
