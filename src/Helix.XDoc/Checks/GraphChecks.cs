namespace Helix.XDoc;

/// <summary>Checks of the parent graph: duplicate names, orphans, the root, and cycles.</summary>
/// <remarks>Cycles are not allowed: every topic must reach the root by its parents, so that each breadcrumb ends at
/// the root and "what leads to a topic" is well defined. A cycle is reported once, at one of its topics, with the
/// whole cycle in the message.</remarks>
internal static class GraphChecks
{
    /// <summary>Drops later topics with a name already taken, reporting each.</summary>
    public static List<Topic> Deduplicate(IEnumerable<Topic> topics, List<DocDiagnostic> diagnostics)
    {
        var first = new Dictionary<string, Topic>(StringComparer.Ordinal);
        var kept = new List<Topic>();
        foreach (var t in topics)
        {
            if (first.TryGetValue(t.Name, out var other))
            {
                diagnostics.Add(new(DiagnosticCodes.Duplicate, true, t.Location, $"duplicate topic `{t.Name}`: also defined at {other.Location}"));
                continue;
            }
            first[t.Name] = t;
            kept.Add(t);
        }
        return kept;
    }

    /// <summary>Reports parents that do not exist and topics without parents other than the root; with
    /// <paramref name="allowOrphans"/> they are warnings and the topic is hung under the root.</summary>
    public static List<Topic> CheckParents(List<Topic> topics, string root, bool allowOrphans, List<DocDiagnostic> diagnostics)
    {
        var names = topics.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        if (!names.Contains(root))
            diagnostics.Add(new(DiagnosticCodes.Orphan, true, new("(manual)", 0), $"the root topic `{root}` does not exist"));
        var result = new List<Topic>(topics.Count);
        foreach (var t in topics)
        {
            if (t.Name == root)
            {
                if (t.Parents.Count > 0)
                    diagnostics.Add(new(DiagnosticCodes.Orphan, true, t.Location, $"the root topic `{root}` may not have parents"));
                result.Add(t with { Parents = [] });
                continue;
            }
            var missing = t.Parents.Where(p => !names.Contains(p)).ToList();
            foreach (var p in missing)
                diagnostics.Add(new(DiagnosticCodes.Orphan, !allowOrphans, t.Location, $"topic `{t.Name}` names parent `{p}`, which does not exist"));
            if (t.Parents.Count == 0)
                diagnostics.Add(new(DiagnosticCodes.Orphan, !allowOrphans, t.Location, $"topic `{t.Name}` has no parents: add `parents:` (only the root `{root}` has none)"));
            var kept = t.Parents.Where(names.Contains).Distinct().ToList();
            if (kept.Count == 0 && names.Contains(root)) kept.Add(root);
            result.Add(kept.SequenceEqual(t.Parents) ? t : t with { Parents = kept });
        }
        return result;
    }

    /// <summary>Reports each cycle of the parent graph once; returns the set of topics on a cycle.</summary>
    public static HashSet<string> CheckCycles(IReadOnlyList<Topic> topics, List<DocDiagnostic> diagnostics)
    {
        var byName = topics.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the stack, 2 = done
        var onCycle = new HashSet<string>(StringComparer.Ordinal);
        var stack = new List<string>();
        foreach (var start in topics)
        {
            if (state.ContainsKey(start.Name)) continue;
            // Iterative DFS over parent edges.
            var work = new Stack<(string Name, int Next)>();
            work.Push((start.Name, 0));
            state[start.Name] = 1;
            stack.Add(start.Name);
            while (work.Count > 0)
            {
                var (name, next) = work.Pop();
                var parents = byName[name].Parents;
                if (next < parents.Count)
                {
                    work.Push((name, next + 1));
                    var p = parents[next];
                    if (!byName.ContainsKey(p)) continue;
                    if (!state.TryGetValue(p, out int s))
                    {
                        state[p] = 1;
                        stack.Add(p);
                        work.Push((p, 0));
                    }
                    else if (s == 1)
                    {
                        int at = stack.IndexOf(p);
                        var cycle = stack.Skip(at).Append(p).ToList();
                        foreach (var c in cycle) onCycle.Add(c);
                        diagnostics.Add(new(DiagnosticCodes.Cycle, true, byName[name].Location,
                            $"the parent graph has a cycle: {string.Join(" → ", cycle.Select(c => $"`{c}`"))} (each arrow reads \"has parent\"; cycles are not allowed)"));
                    }
                }
                else
                {
                    state[name] = 2;
                    stack.RemoveAt(stack.Count - 1);
                }
            }
        }
        return onCycle;
    }
}
