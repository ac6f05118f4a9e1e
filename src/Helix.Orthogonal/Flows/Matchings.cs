using Helix.Core;

namespace Helix.Orthogonal;

/// <summary>
/// Draws matchings on {0..d−1} with the probability p_ij of each chosen edge, so that Ω̂_ij = Ω_ij / p_ij is unbiased.
/// Edges are written to caller-owned spans (no allocation per draw).
/// </summary>
public sealed class Matchings
{
    readonly int _d;
    readonly int[][]? _classes;        // Graph: colour classes, each a flat list i0, j0, i1, j1, …
    readonly int[] _perm;
    readonly int _rounds;

    /// <summary>The kind of matching drawn.</summary>
    public MatchingKind Kind { get; }
    /// <summary>d, the number of coordinates.</summary>
    public int Size => _d;
    /// <summary>Largest number of edges one draw can return (⌊d/2⌋).</summary>
    public int MaxEdges => _d / 2;

    /// <summary>Creates a sampler. <paramref name="edges"/> is the user graph for <see cref="MatchingKind.Graph"/> (ignored otherwise).</summary>
    public Matchings(int d, MatchingKind kind, IReadOnlyList<(int I, int J)>? edges = null)
    {
        if (d < 2) throw new ArgumentOutOfRangeException(nameof(d), d, "a Givens flow needs d ≥ 2 coordinates to rotate");
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown matching kind");
        _d = d;
        Kind = kind;
        _perm = new int[d];
        _rounds = d % 2 == 0 ? d - 1 : d;
        if (kind == MatchingKind.Graph)
        {
            if (edges is null || edges.Count == 0)
                throw new ArgumentException("MatchingKind.Graph needs a graph with at least one edge; this graph has none", nameof(edges));
            _classes = ColourEdges(d, edges);
        }
    }

    /// <summary>Number of colour classes C of the user graph (<see cref="MatchingKind.Graph"/>), or the round-robin rounds.</summary>
    public int Classes => _classes?.Length ?? _rounds;

    /// <summary>
    /// Draws the matching for <paramref name="step"/>: writes pairs to <paramref name="pairs"/> (2 ints per edge) and each
    /// edge's 1/p_ij to <paramref name="weights"/>; returns the edge count. Greedy needs <paramref name="omega"/>
    /// (row-major d×d, the full Ω) and returns weights 1.
    /// </summary>
    public int Draw(long step, SplitMix64 rng, Span<int> pairs, Span<double> weights, ReadOnlySpan<double> omega = default)
    {
        switch (Kind)
        {
            case MatchingKind.UniformRandom:
            {
                for (int i = 0; i < _d; i++) _perm[i] = i;
                rng.Shuffle(_perm.AsSpan());
                int m = _d / 2;
                double w = _d % 2 == 0 ? _d - 1 : _d;
                for (int e = 0; e < m; e++) { pairs[2 * e] = _perm[2 * e]; pairs[2 * e + 1] = _perm[2 * e + 1]; weights[e] = w; }
                return m;
            }
            case MatchingKind.RoundRobin:
            {
                // Circle method on n = d (even) or d + 1 (odd, the extra vertex is a bye): vertex n−1 fixed, the rest rotate.
                int n = _d % 2 == 0 ? _d : _d + 1;
                int r = (int)(step % (n - 1));
                int count = 0;
                for (int k = 0; k < n / 2; k++)
                {
                    int a = k == 0 ? n - 1 : (r + k) % (n - 1);
                    int b = (r - k + (n - 1)) % (n - 1);
                    if (a >= _d || b >= _d) continue;
                    pairs[2 * count] = Math.Min(a, b);
                    pairs[2 * count + 1] = Math.Max(a, b);
                    weights[count++] = n - 1;
                }
                return count;
            }
            case MatchingKind.Graph:
            {
                var cls = _classes![rng.NextInt(_classes.Length)];
                int m = cls.Length / 2;
                for (int e = 0; e < m; e++) { pairs[2 * e] = cls[2 * e]; pairs[2 * e + 1] = cls[2 * e + 1]; weights[e] = _classes.Length; }
                return m;
            }
            default:
                return Greedy(omega, pairs, weights);
        }
    }

    int Greedy(ReadOnlySpan<double> omega, Span<int> pairs, Span<double> weights)
    {
        if (omega.Length != _d * _d) throw new ArgumentException("the greedy matching needs the full d×d Ω", nameof(omega));
        var order = new List<(double, int, int)>(_d * (_d - 1) / 2);
        for (int i = 0; i < _d; i++)
            for (int j = i + 1; j < _d; j++) order.Add((-Math.Abs(omega[i * _d + j]), i, j));
        order.Sort();
        var used = new bool[_d];
        int count = 0;
        foreach (var (_, i, j) in order)
        {
            if (used[i] || used[j]) continue;
            used[i] = used[j] = true;
            pairs[2 * count] = i;
            pairs[2 * count + 1] = j;
            weights[count++] = 1.0;
            if (count == _d / 2) break;
        }
        return count;
    }

    static int[][] ColourEdges(int d, IReadOnlyList<(int I, int J)> edges)
    {
        var seen = new HashSet<(int, int)>();
        var classes = new List<List<int>>();
        var used = new List<HashSet<int>>();
        foreach (var (a, b) in edges)
        {
            if (a < 0 || b < 0 || a >= d || b >= d) throw new ArgumentException($"edge ({a}, {b}) has a vertex outside 0..{d - 1}", nameof(edges));
            if (a == b) throw new ArgumentException($"edge ({a}, {b}) is a self-loop; a rotation needs two distinct coordinates", nameof(edges));
            var e = (Math.Min(a, b), Math.Max(a, b));
            if (!seen.Add(e)) continue;
            int c = 0;
            while (c < classes.Count && (used[c].Contains(e.Item1) || used[c].Contains(e.Item2))) c++;
            if (c == classes.Count) { classes.Add([]); used.Add([]); }
            classes[c].Add(e.Item1);
            classes[c].Add(e.Item2);
            used[c].Add(e.Item1);
            used[c].Add(e.Item2);
        }
        return classes.Select(c => c.ToArray()).ToArray();
    }

    /// <summary>A ring 0–1–…–(d−1)–0.</summary>
    public static IReadOnlyList<(int I, int J)> Ring(int d) => Enumerable.Range(0, d).Select(i => (i, (i + 1) % d)).Where(e => e.i != e.Item2).Distinct().ToList();

    /// <summary>A rows×cols grid graph (d = rows·cols), 4-neighbour edges.</summary>
    public static IReadOnlyList<(int I, int J)> Grid(int rows, int cols)
    {
        var list = new List<(int, int)>();
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                if (c + 1 < cols) list.Add((r * cols + c, r * cols + c + 1));
                if (r + 1 < rows) list.Add((r * cols + c, (r + 1) * cols + c));
            }
        return list;
    }
}
