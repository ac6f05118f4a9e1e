namespace Helix.Aig.Hons;

/// <summary>Memoized traversals of Hons-AIGs; each visits a shared node once. Iterative, so deep graphs do not overflow the stack.</summary>
public static class HonsTraversal
{
    /// <summary>Evaluates <paramref name="root"/> under an assignment, memoizing in <paramref name="memo"/> (reusable across roots).</summary>
    public static bool Evaluate(HonsAig root, IReadOnlyDictionary<string, bool> assignment, Dictionary<HonsAig, bool> memo)
    {
        foreach (var n in PostOrder(new[] { root }, memo.ContainsKey))
        {
            memo[n] = n.Kind switch
            {
                HonsKind.False => false,
                HonsKind.True => true,
                HonsKind.Var => assignment.TryGetValue(n.Name!, out var v) && v,
                HonsKind.Not => !memo[n.Left!],
                _ => memo[n.Left!] && memo[n.Right!],
            };
        }
        return memo[root];
    }

    /// <summary>Variables reachable from the roots, in first-visit order.</summary>
    public static IReadOnlyList<string> Variables(IEnumerable<HonsAig> roots) =>
        PostOrder(roots, _ => false).Where(n => n.Kind == HonsKind.Var).Select(n => n.Name!).ToList();

    /// <summary>Distinct AND nodes reachable from the roots.</summary>
    public static int AndCount(IEnumerable<HonsAig> roots) => PostOrder(roots, _ => false).Count(n => n.Kind == HonsKind.And);

    /// <summary>Each node reachable from the roots once, children before parents, skipping nodes <paramref name="done"/> accepts.</summary>
    public static IEnumerable<HonsAig> PostOrder(IEnumerable<HonsAig> roots, Func<HonsAig, bool> done)
    {
        var seen = new HashSet<HonsAig>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(HonsAig Node, bool Expanded)>();
        foreach (var r in roots)
        {
            stack.Push((r, false));
            while (stack.Count > 0)
            {
                var (n, expanded) = stack.Pop();
                if (expanded) { yield return n; continue; }
                if (done(n) || !seen.Add(n)) continue;
                stack.Push((n, true));
                if (n.Right != null) stack.Push((n.Right, false));
                if (n.Left != null) stack.Push((n.Left, false));
            }
        }
    }
}
