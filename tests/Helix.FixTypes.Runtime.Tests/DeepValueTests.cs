using Helix.FixTypes.Runtime.Tests.Types;

namespace Helix.FixTypes.Runtime.Tests;

/// <summary>Fix, IsValid, Equals and GetHashCode of recursive groups on values far deeper than the stack allows
/// for naive recursion (default 1 MiB test-host thread stacks overflow at a few ten thousand frames).</summary>
public sealed class DeepValueTests
{
    private const int Depth = 200_000;

    private static Cons Chain(int n, int head)
    {
        Cons? c = null;
        for (int i = 0; i < n; i++) c = new Cons { Head = head, Tail = c };
        return c!;
    }

    [Fact]
    public void Deep_cons_fix_valid_equals_hash()
    {
        var a = Chain(Depth, 1);
        var b = Chain(Depth, 1);
        Assert.True(Cons.IsValid(a));
        Assert.Same(a, Cons.Fix(a));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Chain(Depth, 2));
    }

    [Fact]
    public void Deep_invalid_value_fixes_at_the_bottom()
    {
        // A raw chain whose last cell is invalid (made without fixing).
        Cons c = Cons.__Unchecked(-7, null);
        for (int i = 0; i < Depth; i++) c = new Cons { Head = 1, Tail = c };
        Assert.False(Cons.IsValid(c));
        var f = Cons.Fix(c);
        Assert.True(Cons.IsValid(f));
        var expect = Cons.__Unchecked(0, null);
        for (int i = 0; i < Depth; i++) expect = new Cons { Head = 1, Tail = expect };
        Assert.Equal(expect, f);
        Assert.True(Cons.Equiv(c, expect));
    }

    [Fact]
    public void Deep_mutually_recursive_expr()
    {
        Expr Build(int leaf)
        {
            Expr e = new Expr.Lit { Value = leaf };
            for (int i = 0; i < Depth / 2; i++)
                e = i % 2 == 0 ? new Expr.Add { Left = e, Right = new Expr.Lit { Value = i % 1000 } }
                               : new Expr.Seq { Body = new Block { Items = FixList<Expr>.Of(e), Label = "b" } };
            return e;
        }
        var a = Build(3);
        Assert.True(Expr.IsValid(a));
        Assert.Same(a, Expr.Fix(a));
        Assert.Equal(a, Build(3));
        Assert.Equal(a.GetHashCode(), Build(3).GetHashCode());
        Assert.NotEqual(a, Build(4));
    }
}
