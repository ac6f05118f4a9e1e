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
    readonly int[] _edgeA = [], _edgeB = [], _order = [];  // RandomGraph: the distinct edges and the order scratch
    readonly double[] _edgeWeight = [];                     // RandomGraph: 1/p̂ per edge
    readonly bool[] _used;
    readonly int[] _index;                                  // RandomGraph: edge index of each kept pair
    readonly EdgeProbability[] _probabilities = [];

    /// <summary>The kind of matching drawn.</summary>
    public MatchingKind Kind { get; }
    /// <summary>d, the number of coordinates.</summary>
    public int Size => _d;
    /// <summary>Largest number of edges one draw can return (⌊d/2⌋).</summary>
    public int MaxEdges => _d / 2;

    /// <summary>Creates a sampler. <paramref name="edges"/> is the user graph for <see cref="MatchingKind.Graph"/> and
    /// <see cref="MatchingKind.RandomGraph"/> (ignored otherwise).</summary>
    /// <param name="d">Coordinates.</param>
    /// <param name="kind">How matchings are drawn.</param>
    /// <param name="edges">The user graph (pairs of coordinates).</param>
    /// <param name="estimateSamples">S, the Monte-Carlo samples that estimate p_ij for <see cref="MatchingKind.RandomGraph"/>.</param>
    /// <param name="estimateSeed">Seed of those samples (independent of the training draws).</param>
    public Matchings(int d, MatchingKind kind, IReadOnlyList<(int I, int J)>? edges = null, int estimateSamples = 20000, long estimateSeed = 0)
    {
        if (d < 2) throw new ArgumentOutOfRangeException(nameof(d), d, "a Givens flow needs d ≥ 2 coordinates to rotate");
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown matching kind");
        _d = d;
        Kind = kind;
        _perm = new int[d];
        _rounds = d % 2 == 0 ? d - 1 : d;
        _used = new bool[d];
        _index = new int[d / 2];
        if (kind is MatchingKind.Graph or MatchingKind.RandomGraph)
        {
            if (edges is null || edges.Count == 0)
                throw new ArgumentException($"MatchingKind.{kind} needs a graph with at least one edge; this graph has none", nameof(edges));
            _classes = ColourEdges(d, edges);
        }
        if (kind == MatchingKind.Graph)
            _probabilities = _classes!.SelectMany(c => Enumerable.Range(0, c.Length / 2).Select(e => new EdgeProbability(c[2 * e], c[2 * e + 1], 1.0 / _classes!.Length, 0))).ToArray();
        if (kind == MatchingKind.RandomGraph)
        {
            if (estimateSamples < 1) throw new ArgumentOutOfRangeException(nameof(estimateSamples), estimateSamples, "the estimate needs at least one sample");
            var distinct = _classes!.SelectMany(c => Enumerable.Range(0, c.Length / 2).Select(e => (c[2 * e], c[2 * e + 1]))).ToArray();
            _edgeA = distinct.Select(e => e.Item1).ToArray();
            _edgeB = distinct.Select(e => e.Item2).ToArray();
            _order = new int[distinct.Length];
            _edgeWeight = new double[distinct.Length];
            _probabilities = EstimateProbabilities(estimateSamples, estimateSeed);
            for (int e = 0; e < _edgeWeight.Length; e++) _edgeWeight[e] = 1.0 / _probabilities[e].P;
        }
    }

    /// <summary>The probability of each edge of the user graph (<see cref="MatchingKind.Graph"/>: exact 1/C;
    /// <see cref="MatchingKind.RandomGraph"/>: the Monte-Carlo estimate with its standard error); empty for the other kinds.</summary>
    public IReadOnlyList<EdgeProbability> Probabilities => _probabilities;

    EdgeProbability[] EstimateProbabilities(int samples, long seed)
    {
        var rng = new SplitMix64((ulong)seed);
        var counts = new long[_edgeA.Length];
        var pairs = new int[2 * MaxEdges];
        var index = new int[MaxEdges];
        for (int s = 0; s < samples; s++)
        {
            int count = RandomMaximal(rng, pairs, index);
            for (int e = 0; e < count; e++) counts[index[e]]++;
        }
        double floor = 1.0 / _edgeA.Length;   // exact lower bound: an edge that comes first is always kept
        return Enumerable.Range(0, _edgeA.Length).Select(e =>
        {
            double p = (double)counts[e] / samples;
            return new EdgeProbability(_edgeA[e], _edgeB[e], Math.Max(p, floor), Math.Sqrt(p * (1 - p) / samples));
        }).ToArray();
    }

    /// <summary>A random maximal matching: the edges in a random order, each kept when both ends are free. Writes the
    /// pairs and each kept edge's index; returns the count.</summary>
    int RandomMaximal(SplitMix64 rng, Span<int> pairs, Span<int> index)
    {
        for (int e = 0; e < _order.Length; e++) _order[e] = e;
        rng.Shuffle(_order.AsSpan());
        Array.Clear(_used);
        int count = 0;
        foreach (int e in _order)
        {
            int a = _edgeA[e], b = _edgeB[e];
            if (_used[a] || _used[b]) continue;
            _used[a] = _used[b] = true;
            pairs[2 * count] = a;
            pairs[2 * count + 1] = b;
            index[count++] = e;
        }
        return count;
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
            case MatchingKind.RandomGraph:
            {
                int m = RandomMaximal(rng, pairs, _index);
                for (int e = 0; e < m; e++) weights[e] = _edgeWeight[_index[e]];
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
