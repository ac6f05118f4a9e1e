namespace Helix.Aig.Hons;

/// <summary>
/// Makes <see cref="HonsAig"/> nodes with hash-consing: asking twice for the same structure returns the same object.
/// Not thread-safe.
/// </summary>
public sealed class HonsTable
{
    readonly Dictionary<string, HonsAig> _vars = new(StringComparer.Ordinal);
    readonly Dictionary<long, HonsAig> _ands = new();
    readonly Dictionary<int, HonsAig> _nots = new();
    int _next;

    /// <summary>An empty table holding only the constants.</summary>
    public HonsTable()
    {
        False = new HonsAig(this, _next++, HonsKind.False, null, null, null);
        True = new HonsAig(this, _next++, HonsKind.True, null, null, null);
    }

    /// <summary>Constant false.</summary>
    public HonsAig False { get; }
    /// <summary>Constant true.</summary>
    public HonsAig True { get; }
    /// <summary>Number of distinct nodes made so far.</summary>
    public int Count => _next;

    /// <summary>The variable named <paramref name="name"/> (the same object for the same name).</summary>
    public HonsAig Var(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_vars.TryGetValue(name, out var v)) _vars[name] = v = new HonsAig(this, _next++, HonsKind.Var, name, null, null);
        return v;
    }

    /// <summary>The constant for <paramref name="value"/>.</summary>
    public HonsAig Const(bool value) => value ? True : False;

    /// <summary>Negation; folds constants and double negation.</summary>
    public HonsAig Not(HonsAig a)
    {
        Own(a);
        switch (a.Kind)
        {
            case HonsKind.False: return True;
            case HonsKind.True: return False;
            case HonsKind.Not: return a.Left!;
        }
        if (!_nots.TryGetValue(a.Id, out var n)) _nots[a.Id] = n = new HonsAig(this, _next++, HonsKind.Not, null, a, null);
        return n;
    }

    /// <summary>Conjunction; orders arguments, folds constants, x·x = x and x·!x = false, then hash-conses.</summary>
    public HonsAig And(HonsAig a, HonsAig b)
    {
        Own(a); Own(b);
        if (a.Kind == HonsKind.False || b.Kind == HonsKind.False) return False;
        if (a.Kind == HonsKind.True) return b;
        if (b.Kind == HonsKind.True || ReferenceEquals(a, b)) return a;
        if (IsComplement(a, b)) return False;
        if (a.Id > b.Id) (a, b) = (b, a);
        long key = ((long)a.Id << 32) | (uint)b.Id;
        if (!_ands.TryGetValue(key, out var n)) _ands[key] = n = new HonsAig(this, _next++, HonsKind.And, null, a, b);
        return n;
    }

    /// <summary>Disjunction.</summary>
    public HonsAig Or(HonsAig a, HonsAig b) => Not(And(Not(a), Not(b)));
    /// <summary>Exclusive or.</summary>
    public HonsAig Xor(HonsAig a, HonsAig b) => Or(And(a, Not(b)), And(Not(a), b));
    /// <summary>If-then-else.</summary>
    public HonsAig Ite(HonsAig c, HonsAig t, HonsAig e)
    {
        if (c.Kind == HonsKind.True) return t;
        if (c.Kind == HonsKind.False) return e;
        if (ReferenceEquals(t, e)) return t;
        return Or(And(c, t), And(Not(c), e));
    }

    static bool IsComplement(HonsAig a, HonsAig b) =>
        (a.Kind == HonsKind.Not && ReferenceEquals(a.Left, b)) || (b.Kind == HonsKind.Not && ReferenceEquals(b.Left, a));

    void Own(HonsAig a)
    {
        if (!ReferenceEquals(a.Table, this)) throw new ArgumentException("the node belongs to another HonsTable; combine nodes of one table only");
    }
}
