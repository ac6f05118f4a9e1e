namespace Helix.Aig.Sat;

/// <summary>
/// Clause storage after MiniSat's <c>ClauseAllocator</c>: every clause lives in one int array and is named by its
/// offset (a 32-bit reference). Layout of a clause at <c>cr</c>: <c>[size, flags, activity, lits...]</c>, where flags
/// hold bit 0 learnt, bit 1 deleted, bit 2 relocated, bit 3 used (in a conflict since the last reduction), bits 4.. the LBD; a relocated clause's activity slot holds its
/// new reference. Hot loops read <see cref="Data"/> into a local once.
/// </summary>
internal sealed class ClauseArena
{
    /// <summary>Header words before the literals.</summary>
    public const int Header = 3;
    const int Learnt = 1, Deleted = 2, Relocated = 4, Used = 8, LbdShift = 4;

    int[] _data;
    int _top;

    public ClauseArena(int capacity = 1024) => _data = new int[Math.Max(capacity, 16)];

    /// <summary>The backing array (valid until the next <see cref="Alloc"/>).</summary>
    public int[] Data => _data;
    /// <summary>Words in use.</summary>
    public int Top => _top;

    /// <summary>Stores a clause and returns its reference.</summary>
    public int Alloc(List<int> lits, bool learnt, int lbd)
    {
        int cr = Reserve(lits.Count);
        _data[cr + 1] = (learnt ? Learnt : 0) | (lbd << LbdShift);
        for (int i = 0; i < lits.Count; i++) _data[cr + Header + i] = lits[i];
        return cr;
    }

    int Reserve(int size)
    {
        int need = Header + size;
        if (_top + need > _data.Length) Array.Resize(ref _data, Math.Max(_data.Length * 2, _top + need));
        int cr = _top;
        _data[cr] = size; _data[cr + 1] = 0; _data[cr + 2] = 0;
        _top += need;
        return cr;
    }

    /// <summary>Number of literals of clause <paramref name="cr"/>.</summary>
    public int Size(int cr) => _data[cr];
    /// <summary>Literal <paramref name="i"/> of clause <paramref name="cr"/>.</summary>
    public int Lit(int cr, int i) => _data[cr + Header + i];
    /// <summary>The literals of clause <paramref name="cr"/>, writable in place.</summary>
    public Span<int> Lits(int cr) => _data.AsSpan(cr + Header, _data[cr]);
    /// <summary>Whether the clause was learnt.</summary>
    public bool IsLearnt(int cr) => (_data[cr + 1] & Learnt) != 0;
    /// <summary>Whether the clause is marked for removal at the next compaction.</summary>
    public bool IsDeleted(int cr) => (_data[cr + 1] & Deleted) != 0;
    /// <summary>Marks the clause for removal at the next compaction.</summary>
    public void MarkDeleted(int cr) => _data[cr + 1] |= Deleted;
    /// <summary>Literal blocks distance recorded when the clause was learnt (or last improved).</summary>
    public int Lbd(int cr) => _data[cr + 1] >> LbdShift;
    /// <summary>Sets the LBD.</summary>
    public void SetLbd(int cr, int lbd) => _data[cr + 1] = (_data[cr + 1] & ((1 << LbdShift) - 1)) | (lbd << LbdShift);
    /// <summary>Whether the clause took part in a conflict since the flag was last cleared.</summary>
    public bool IsUsed(int cr) => (_data[cr + 1] & Used) != 0;
    /// <summary>Sets or clears the used flag.</summary>
    public void SetUsed(int cr, bool used) => _data[cr + 1] = used ? _data[cr + 1] | Used : _data[cr + 1] & ~Used;
    /// <summary>Clause activity (bumped when the clause takes part in conflict analysis).</summary>
    public float Activity(int cr) => BitConverter.Int32BitsToSingle(_data[cr + 2]);
    /// <summary>Sets the activity.</summary>
    public void SetActivity(int cr, float a) => _data[cr + 2] = BitConverter.SingleToInt32Bits(a);

    /// <summary>Drops literals beyond the first <paramref name="size"/> (the words stay until the next compaction).</summary>
    public void Shrink(int cr, int size)
    {
        if (size > _data[cr] || size < 2) throw new ArgumentOutOfRangeException(nameof(size));
        _data[cr] = size;
    }

    /// <summary>
    /// Copies clause <paramref name="cr"/> into <paramref name="to"/> once and returns its new reference; later calls
    /// return the same reference (the old copy keeps a forward pointer), as in MiniSat's <c>reloc</c>.
    /// </summary>
    public int Relocate(int cr, ClauseArena to)
    {
        if ((_data[cr + 1] & Relocated) != 0) return _data[cr + 2];
        int size = _data[cr];
        int n = to.Reserve(size);
        Array.Copy(_data, cr + 1, to._data, n + 1, Header - 1 + size);
        _data[cr + 1] |= Relocated;
        _data[cr + 2] = n;
        return n;
    }
}
