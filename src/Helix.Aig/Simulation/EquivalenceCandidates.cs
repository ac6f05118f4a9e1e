namespace Helix.Aig.Simulation;

/// <summary>A class of nodes that agree on every simulated pattern, each with its phase relative to the first.</summary>
public sealed record CandidateClass(int[] Nodes, bool[] Complemented);

/// <summary>
/// Proposes candidate equivalences from simulation signatures: nodes whose values agree on every pattern, up to
/// complement, fall into one class. Only SAT can confirm a candidate; simulation can only refute one.
/// </summary>
public static class EquivalenceCandidates
{
    /// <summary>
    /// Classes of two or more nodes (the constant node included, so constant-like nodes show up with node 0).
    /// Post: within a class every node's words equal the first node's words, complemented where marked.
    /// </summary>
    public static IReadOnlyList<CandidateClass> Classes(Aignet g, SimulationPatterns s)
    {
        int words = s.Words;
        var groups = new Dictionary<ulong, List<int>>();
        for (int id = 0; id < g.NodeCount; id++)
        {
            var v = s.Node(id);
            ulong flip = (v[0] & 1) != 0 ? ~0UL : 0UL;
            ulong h = 0xCBF29CE484222325UL;
            for (int w = 0; w < words; w++) h = (h ^ (v[w] ^ flip)) * 0x100000001B3UL;
            if (!groups.TryGetValue(h, out var list)) groups[h] = list = new List<int>();
            list.Add(id);
        }
        var result = new List<CandidateClass>();
        foreach (var list in groups.Values)
        {
            if (list.Count < 2) continue;
            // Split exactly: hashing may merge different signatures.
            var pending = new List<int>(list);
            while (pending.Count > 1)
            {
                int head = pending[0];
                var hv = s.Node(head);
                ulong hf = (hv[0] & 1) != 0 ? ~0UL : 0UL;
                var members = new List<int> { head }; var phases = new List<bool> { false }; var rest = new List<int>();
                for (int k = 1; k < pending.Count; k++)
                {
                    var v = s.Node(pending[k]);
                    ulong f = (v[0] & 1) != 0 ? ~0UL : 0UL;
                    bool same = true;
                    for (int w = 0; w < words && same; w++) same = (v[w] ^ f) == (hv[w] ^ hf);
                    if (same) { members.Add(pending[k]); phases.Add(f != hf); } else rest.Add(pending[k]);
                }
                if (members.Count > 1) result.Add(new CandidateClass(members.ToArray(), phases.ToArray()));
                pending = rest;
            }
        }
        result.Sort((x, y) => x.Nodes[0].CompareTo(y.Nodes[0]));
        return result;
    }
}
