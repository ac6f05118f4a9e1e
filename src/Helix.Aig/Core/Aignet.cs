namespace Helix.Aig;

/// <summary>
/// The efficient AIG: a compact array network after ACL2's Aignet. Node 0 is constant false; every other node is an
/// input, a latch output or a two-input AND whose fanins are earlier nodes, so node order is topological by
/// construction. AND creation orders its fanins, folds trivial cases and hashes structurally.
/// </summary>
public sealed class Aignet
{
    // Per node: kind; for AND the two fanin literals; for inputs/latches _fanin0 holds the input/latch index.
    byte[] _kind = new byte[64];
    int[] _fanin0 = new int[64];
    int[] _fanin1 = new int[64];
    int _count = 1;
    int _andCount;

    // Structural hash: open addressing over node ids (0 = empty slot), keyed by the fanin pair.
    int[] _table = new int[128];
    int _tableUsed;

    readonly List<int> _inputs = new();          // node ids of primary inputs, in order
    readonly List<int> _latches = new();         // node ids of latch outputs, in order
    readonly List<int> _latchNext = new();       // next-state literal per latch
    readonly List<int> _latchReset = new();      // 0, 1, or -1 (uninitialized) per latch
    readonly List<int> _outputs = new();         // output literals

    /// <summary>Names of inputs, latches and outputs (null where unnamed), indexed like them.</summary>
    public List<string?> InputNames { get; } = new();
    /// <summary>Names of the latches (null where unnamed).</summary>
    public List<string?> LatchNames { get; } = new();
    /// <summary>Names of the outputs (null where unnamed).</summary>
    public List<string?> OutputNames { get; } = new();
    /// <summary>AIGER 1.9 bad-state literals, with names.</summary>
    public List<AigLit> Bad { get; } = new();
    /// <summary>Names of the bad-state properties.</summary>
    public List<string?> BadNames { get; } = new();
    /// <summary>AIGER 1.9 invariant constraints, with names.</summary>
    public List<AigLit> Constraints { get; } = new();
    /// <summary>Names of the constraints.</summary>
    public List<string?> ConstraintNames { get; } = new();
    /// <summary>AIGER 1.9 justice properties: each a set of literals.</summary>
    public List<AigLit[]> Justice { get; } = new();
    /// <summary>Names of the justice properties.</summary>
    public List<string?> JusticeNames { get; } = new();
    /// <summary>AIGER 1.9 fairness constraints.</summary>
    public List<AigLit> Fairness { get; } = new();
    /// <summary>Names of the fairness constraints.</summary>
    public List<string?> FairnessNames { get; } = new();
    /// <summary>Comment lines (from the AIGER comment section).</summary>
    public List<string> Comments { get; } = new();

    /// <summary>Number of nodes including the constant.</summary>
    public int NodeCount => _count;
    /// <summary>Number of AND nodes.</summary>
    public int AndCount => _andCount;
    /// <summary>Number of primary inputs.</summary>
    public int InputCount => _inputs.Count;
    /// <summary>Number of latches.</summary>
    public int LatchCount => _latches.Count;
    /// <summary>Number of primary outputs.</summary>
    public int OutputCount => _outputs.Count;

    /// <summary>The kind of node <paramref name="id"/>.</summary>
    public AigNodeKind Kind(int id) => (AigNodeKind)_kind[id];
    /// <summary>First fanin of AND node <paramref name="id"/> (the larger literal).</summary>
    public AigLit Fanin0(int id) => new(_fanin0[id]);
    /// <summary>Second fanin of AND node <paramref name="id"/>.</summary>
    public AigLit Fanin1(int id) => new(_fanin1[id]);
    /// <summary>For an input or latch node, its index among inputs or latches.</summary>
    public int CiIndex(int id) => _kind[id] is (byte)AigNodeKind.Input or (byte)AigNodeKind.Latch ? _fanin0[id] : throw new ArgumentException($"node {id} is not an input or latch");

    /// <summary>Literal of input <paramref name="index"/>.</summary>
    public AigLit Input(int index) => AigLit.Of(_inputs[index]);
    /// <summary>Literal of latch <paramref name="index"/> (its current state).</summary>
    public AigLit Latch(int index) => AigLit.Of(_latches[index]);
    /// <summary>Next-state literal of latch <paramref name="index"/>.</summary>
    public AigLit LatchNext(int index) => new(_latchNext[index]);
    /// <summary>Reset value of latch <paramref name="index"/>: 0, 1, or -1 for uninitialized.</summary>
    public int LatchReset(int index) => _latchReset[index];
    /// <summary>Literal of output <paramref name="index"/>.</summary>
    public AigLit Output(int index) => new(_outputs[index]);

    internal ReadOnlySpan<byte> KindSpan => _kind.AsSpan(0, _count);
    internal ReadOnlySpan<int> Fanin0Span => _fanin0.AsSpan(0, _count);
    internal ReadOnlySpan<int> Fanin1Span => _fanin1.AsSpan(0, _count);

    /// <summary>Adds a primary input and returns its literal.</summary>
    public AigLit AddInput(string? name = null)
    {
        int id = NewNode(AigNodeKind.Input, _inputs.Count, 0);
        _inputs.Add(id);
        InputNames.Add(name);
        return AigLit.Of(id);
    }

    /// <summary>Adds a latch (next state false until set, reset 0) and returns its current-state literal.</summary>
    public AigLit AddLatch(string? name = null, int reset = 0)
    {
        if (reset is < -1 or > 1) throw new ArgumentOutOfRangeException(nameof(reset), reset, "reset must be 0, 1 or -1 (uninitialized)");
        int id = NewNode(AigNodeKind.Latch, _latches.Count, 0);
        _latches.Add(id);
        _latchNext.Add(0);
        _latchReset.Add(reset);
        LatchNames.Add(name);
        return AigLit.Of(id);
    }

    /// <summary>Sets the next state of latch <paramref name="index"/>.</summary>
    public void SetLatchNext(int index, AigLit next) { CheckLit(next); _latchNext[index] = next.Value; }

    /// <summary>Sets the reset value of latch <paramref name="index"/>: 0, 1 or -1 (uninitialized).</summary>
    public void SetLatchReset(int index, int reset)
    {
        if (reset is < -1 or > 1) throw new ArgumentOutOfRangeException(nameof(reset), reset, "reset must be 0, 1 or -1");
        _latchReset[index] = reset;
    }

    /// <summary>Adds a primary output driven by <paramref name="lit"/>; returns its index.</summary>
    public int AddOutput(AigLit lit, string? name = null)
    {
        CheckLit(lit);
        _outputs.Add(lit.Value);
        OutputNames.Add(name);
        return _outputs.Count - 1;
    }

    /// <summary>Redirects output <paramref name="index"/> to <paramref name="lit"/>.</summary>
    public void SetOutput(int index, AigLit lit) { CheckLit(lit); _outputs[index] = lit.Value; }

    /// <summary>
    /// The AND of two literals. Post: constant and trivial cases fold (a·0 = 0, a·1 = a, a·a = a, a·!a = 0); an
    /// existing node with the same fanins is returned; otherwise a new node is appended after both fanins.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public AigLit And(AigLit a, AigLit b)
    {
        int x = a.Value, y = b.Value;
        if (x < y) (x, y) = (y, x);
        if (y == 0) return AigLit.False;
        if (y == 1) return new AigLit(x);
        if (x == y) return new AigLit(x);
        if ((x ^ y) == 1) return AigLit.False;
        if ((x >> 1) >= _count) throw new ArgumentException($"literal {x} refers to node {x >> 1}, but the network has {_count} nodes");
        int slot = FindSlot(x, y);
        if (_table[slot] != 0) return AigLit.Of(_table[slot]);
        return AigLit.Of(InsertAnd(x, y, slot));
    }

    /// <summary>Looks up an existing AND of the two literals without creating one; -1 when absent or trivial.</summary>
    public int FindAnd(AigLit a, AigLit b)
    {
        int x = a.Value, y = b.Value;
        if (x < y) (x, y) = (y, x);
        if (y <= 1 || (x >> 1) == (y >> 1)) return -1;
        int node = _table[FindSlot(x, y)];
        return node == 0 ? -1 : node;
    }

    /// <summary>
    /// Appends an AND node exactly as given (no folding), used by readers that must keep a file's structure.
    /// An identical existing node is still reused.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal int AddAndRaw(int x, int y)
    {
        if (x < y) (x, y) = (y, x);
        int slot = FindSlot(x, y);
        if (_table[slot] != 0) return _table[slot];
        return InsertAnd(x, y, slot);
    }

    /// <summary>OR of two literals.</summary>
    public AigLit Or(AigLit a, AigLit b) => !And(!a, !b);
    /// <summary>Exclusive or of two literals (three ANDs).</summary>
    public AigLit Xor(AigLit a, AigLit b) => Or(And(a, !b), And(!a, b));
    /// <summary>If-then-else: <paramref name="c"/> ? <paramref name="t"/> : <paramref name="e"/>.</summary>
    public AigLit Mux(AigLit c, AigLit t, AigLit e) => Or(And(c, t), And(!c, e));

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    int NewNode(AigNodeKind kind, int f0, int f1)
    {
        if (_count == _kind.Length)
        {
            int n = _count * 2;
            Array.Resize(ref _kind, n);
            Array.Resize(ref _fanin0, n);
            Array.Resize(ref _fanin1, n);
        }
        _kind[_count] = (byte)kind;
        _fanin0[_count] = f0;
        _fanin1[_count] = f1;
        return _count++;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    int InsertAnd(int x, int y, int slot)
    {
        int id = NewNode(AigNodeKind.And, x, y);
        _andCount++;
        _table[slot] = id;
        if (++_tableUsed * 2 > _table.Length) Rehash();
        return id;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    int FindSlot(int x, int y)
    {
        int mask = _table.Length - 1;
        int h = (int)(((uint)x * 0x9E3779B1u) ^ ((uint)y * 0x85EBCA77u)) & mask;
        while (true)
        {
            int n = _table[h];
            if (n == 0 || (_fanin0[n] == x && _fanin1[n] == y)) return h;
            h = (h + 1) & mask;
        }
    }

    void Rehash()
    {
        var old = _table;
        _table = new int[old.Length * 2];
        foreach (int n in old)
            if (n != 0) _table[FindSlot(_fanin0[n], _fanin1[n])] = n;
    }

    void CheckLit(AigLit lit)
    {
        if (lit.Value < 0 || lit.Id >= _count) throw new ArgumentException($"literal {lit.Value} refers to node {lit.Id}, but the network has {_count} nodes");
    }

    /// <summary>Reserves room for <paramref name="nodes"/> nodes, so building a large network does not regrow arrays.</summary>
    public void Reserve(int nodes)
    {
        if (nodes <= _kind.Length) return;
        Array.Resize(ref _kind, nodes);
        Array.Resize(ref _fanin0, nodes);
        Array.Resize(ref _fanin1, nodes);
        int t = _table.Length;
        while (t < nodes * 2) t *= 2;
        if (t != _table.Length) { _table = new int[t / 2]; Rehash(); }
    }

    /// <summary>
    /// Logic depth: the most AND gates on a path from an input or latch to an output or next-state function (ABC's
    /// <c>lev</c>). 0 when every output is an input, a latch or a constant.
    /// </summary>
    public int Depth() => AignetLevels.Depth(this);

    /// <summary>A structurally identical copy.</summary>
    public Aignet Copy() => AignetTransforms.Copy(this);

    /// <summary>
    /// The cone of influence of the given outputs (all outputs when null): only the nodes they depend on, through
    /// latches as well. All inputs are kept so input positions are unchanged; unused latches are dropped.
    /// </summary>
    public Aignet ConeOfInfluence(IReadOnlyList<int>? outputs = null) => AignetTransforms.ConeOfInfluence(this, outputs);

    /// <summary>
    /// A copy without dangling AND nodes, numbered inputs first, then latches, then ANDs in topological order.
    /// </summary>
    public Aignet Compact() => AignetTransforms.Compact(this);

    /// <summary>Copies the AIGER 1.9 properties, names and comments (not the logic) of <paramref name="from"/>, mapping literals.</summary>
    internal void CopyMetadataFrom(Aignet from, Func<AigLit, AigLit> map)
    {
        foreach (var b in from.Bad) Bad.Add(map(b));
        BadNames.AddRange(from.BadNames);
        foreach (var c in from.Constraints) Constraints.Add(map(c));
        ConstraintNames.AddRange(from.ConstraintNames);
        foreach (var j in from.Justice) Justice.Add(j.Select(map).ToArray());
        JusticeNames.AddRange(from.JusticeNames);
        foreach (var f in from.Fairness) Fairness.Add(map(f));
        FairnessNames.AddRange(from.FairnessNames);
        Comments.AddRange(from.Comments);
    }
}
