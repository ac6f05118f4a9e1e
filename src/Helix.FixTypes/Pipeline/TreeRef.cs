using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Helix.FixTypes.Pipeline;

/// <summary>A syntax tree of the compilation and its position, compared by reference: an edit replaces one tree and
/// keeps every other tree object, so the per-tree syntax step reruns for the edited file only.</summary>
internal readonly struct TreeRef : IEquatable<TreeRef>
{
    public TreeRef(SyntaxTree tree, int index)
    {
        Tree = tree;
        Index = index;
    }

    public SyntaxTree Tree { get; }

    public int Index { get; }

    public static ImmutableArray<TreeRef> All(Compilation c)
    {
        var list = new List<TreeRef>();
        int i = 0;
        foreach (var t in c.SyntaxTrees) list.Add(new TreeRef(t, i++));
        return list.ToImmutableArray();
    }

    public bool Equals(TreeRef other) => ReferenceEquals(Tree, other.Tree) && Index == other.Index;

    public override bool Equals(object? obj) => obj is TreeRef o && Equals(o);

    public override int GetHashCode() => unchecked(Index * 397 ^ (Tree?.GetHashCode() ?? 0));
}
