namespace Helix.Aig.Hons;

/// <summary>
/// The convenient AIG: an immutable, hash-consed node after ACL2's Hons-AIGs. Nodes are only made by a
/// <see cref="HonsTable"/>, which returns the existing object for equal structure, so reference equality is
/// structural equality. Operators fold constants and trivial cases.
/// </summary>
public sealed class HonsAig
{
    internal HonsAig(HonsTable table, int id, HonsKind kind, string? name, HonsAig? left, HonsAig? right)
    {
        Table = table; Id = id; Kind = kind; Name = name; Left = left; Right = right;
    }

    /// <summary>The table that made this node; operators combine only nodes of the same table.</summary>
    public HonsTable Table { get; }
    /// <summary>Creation number within the table (children have smaller numbers).</summary>
    public int Id { get; }
    /// <summary>What the node is.</summary>
    public HonsKind Kind { get; }
    /// <summary>The variable name (for <see cref="HonsKind.Var"/>).</summary>
    public string? Name { get; }
    /// <summary>First argument (And), or the negated node (Not).</summary>
    public HonsAig? Left { get; }
    /// <summary>Second argument (And).</summary>
    public HonsAig? Right { get; }

    /// <summary>Conjunction.</summary>
    public static HonsAig operator &(HonsAig a, HonsAig b) => a.Table.And(a, b);
    /// <summary>Disjunction.</summary>
    public static HonsAig operator |(HonsAig a, HonsAig b) => a.Table.Or(a, b);
    /// <summary>Exclusive or.</summary>
    public static HonsAig operator ^(HonsAig a, HonsAig b) => a.Table.Xor(a, b);
    /// <summary>Negation.</summary>
    public static HonsAig operator !(HonsAig a) => a.Table.Not(a);

    /// <summary>Evaluates under <paramref name="assignment"/> (variables absent from it read as false); memoized per call.</summary>
    public bool Evaluate(IReadOnlyDictionary<string, bool> assignment) =>
        HonsTraversal.Evaluate(this, assignment, new Dictionary<HonsAig, bool>(ReferenceEqualityComparer.Instance));

    /// <summary>The variables this node depends on structurally, in first-visit order.</summary>
    public IReadOnlyList<string> Variables() => HonsTraversal.Variables(new[] { this });

    /// <summary>Number of distinct AND nodes reachable (shared nodes count once).</summary>
    public int AndCount() => HonsTraversal.AndCount(new[] { this });

    /// <summary>A short readable form of the node (for debugging).</summary>
    public override string ToString() => Kind switch
    {
        HonsKind.False => "false",
        HonsKind.True => "true",
        HonsKind.Var => Name!,
        HonsKind.Not => "!" + Left,
        _ => $"({Left} & {Right})",
    };
}
