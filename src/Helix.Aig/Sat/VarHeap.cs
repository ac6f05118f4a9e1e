namespace Helix.Aig.Sat;

/// <summary>
/// The decision order: a binary max-heap of variables keyed by their activity (EVSIDS), after MiniSat's
/// <c>Heap</c> in <c>mtl</c>. The heap owns the activities, so bumping and rescaling keep the order consistent.
/// </summary>
internal sealed class VarHeap
{
    int[] _heap = new int[1];
    int[] _index = new int[1];   // position in the heap, -1 when absent
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
        Array.Resize(ref _heap, n); Array.Resize(ref _index, n); Array.Resize(ref _activity, n);
        Array.Fill(_index, -1, old, n - old);
    }

    /// <summary>Adds a fresh variable with activity 0. Pre: <see cref="Grow"/> covered it.</summary>
    public void AddVar(int v) { _activity[v] = 0; _index[v] = -1; Insert(v); }

    /// <summary>Inserts <paramref name="v"/> unless present.</summary>
    public void Insert(int v)
    {
        if (_index[v] >= 0) return;
        _index[v] = _size;
        _heap[_size++] = v;
        Up(_size - 1);
    }

    /// <summary>Removes and returns the most active variable. Pre: <see cref="Count"/> &gt; 0.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int Pop()
    {
        int top = _heap[0];
        int last = _heap[--_size];
        _index[top] = -1;
        if (_size > 0) { _heap[0] = last; _index[last] = 0; Down(0); }
        return top;
    }

    /// <summary>
    /// Adds <paramref name="inc"/> to the activity of <paramref name="v"/>. Post: when an activity passes 1e100 all
    /// activities and <paramref name="inc"/> are scaled by 1e-100 (order unchanged).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Bump(int v, ref double inc, int varCount)
    {
        if ((_activity[v] += inc) > 1e100)
        {
            for (int i = 0; i < varCount; i++) _activity[i] *= 1e-100;
            inc *= 1e-100;
        }
        if (_index[v] >= 0) Up(_index[v]);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    void Up(int i)
    {
        int v = _heap[i];
        double a = _activity[v];
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            int pv = _heap[parent];
            if (_activity[pv] >= a) break;
            _heap[i] = pv; _index[pv] = i; i = parent;
        }
        _heap[i] = v; _index[v] = i;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    void Down(int i)
    {
        int v = _heap[i];
        double a = _activity[v];
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= _size) break;
            if (child + 1 < _size && _activity[_heap[child + 1]] > _activity[_heap[child]]) child++;
            if (_activity[_heap[child]] <= a) break;
            _heap[i] = _heap[child]; _index[_heap[i]] = i; i = child;
        }
        _heap[i] = v; _index[v] = i;
    }
}
