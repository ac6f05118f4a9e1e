using Helix.Core;

namespace Helix.Bilevel.Omniglot;

/// <summary>
/// Draws N-way K-shot episodes from a set of character classes, each character counted four times (rotated by 0°,
/// 90°, 180°, 270°) when <c>rotations</c> is on, as is customary. All randomness comes from the caller's
/// <see cref="SplitMix64"/>.
/// </summary>
public sealed class EpisodeSampler
{
    readonly OmniglotDataset _data;
    readonly (int Character, int Turns)[] _classes;

    /// <summary>Classes available (characters × rotations).</summary>
    public int ClassCount => _classes.Length;

    /// <summary>Sets up the class pool.</summary>
    /// <param name="data">The drawings.</param>
    /// <param name="characters">Indices of the characters to draw from (a split's side).</param>
    /// <param name="rotations">Count 90° rotations as new classes.</param>
    public EpisodeSampler(OmniglotDataset data, IReadOnlyList<int> characters, bool rotations = true)
    {
        _data = data;
        _classes = characters.SelectMany(c => Enumerable.Range(0, rotations ? 4 : 1).Select(t => (c, t))).ToArray();
    }

    /// <summary>Checks that episodes of this shape can be drawn; throws <see cref="InvalidOptionException"/> if not.</summary>
    /// <param name="ways">N.</param>
    /// <param name="shots">K.</param>
    /// <param name="queries">Query images per class.</param>
    public void CheckShape(int ways, int shots, int queries)
    {
        if (ways < 2) throw new InvalidOptionException("Ways", $"an episode needs at least 2 ways, got {ways}");
        if (shots < 1) throw new InvalidOptionException("Shots", $"an episode needs at least 1 shot, got {shots}");
        if (queries < 1) throw new InvalidOptionException("Queries", $"an episode needs at least 1 query per class, got {queries}");
        if (ways > _classes.Length)
            throw new InvalidOptionException("Ways", $"{ways} ways but the split has only {_classes.Length} classes");
        int fewest = _classes.Min(c => _data.Characters[c.Character].Images.Count);
        if (shots + queries > fewest)
            throw new InvalidOptionException("Shots", $"{shots} shots + {queries} queries need {shots + queries} drawings per class, but some classes have only {fewest}");
    }

    /// <summary>Draws one episode.</summary>
    /// <param name="ways">N.</param>
    /// <param name="shots">K.</param>
    /// <param name="queries">Query images per class.</param>
    /// <param name="rng">Source of randomness.</param>
    public Episode Sample(int ways, int shots, int queries, SplitMix64 rng)
    {
        CheckShape(ways, shots, queries);
        int side = _data.ImageSize, px = side * side;
        var chosen = DrawDistinct(_classes.Length, ways, rng);
        var sx = new float[ways * shots * px];
        var sy = new long[ways * shots];
        var qx = new float[ways * queries * px];
        var qy = new long[ways * queries];
        for (int w = 0; w < ways; w++)
        {
            var (c, turns) = _classes[chosen[w]];
            var images = _data.Characters[c].Images;
            var picks = DrawDistinct(images.Count, shots + queries, rng);
            for (int k = 0; k < shots + queries; k++)
            {
                var img = OmniglotImage.Rotate(images[picks[k]], side, turns);
                if (k < shots)
                {
                    img.CopyTo(sx, (w * shots + k) * px);
                    sy[w * shots + k] = w;
                }
                else
                {
                    int q = k - shots;
                    img.CopyTo(qx, (w * queries + q) * px);
                    qy[w * queries + q] = w;
                }
            }
        }
        return new Episode(ways, side, sx, sy, qx, qy);
    }

    /// <summary>k distinct indices from 0..n−1 in random order (partial Fisher–Yates).</summary>
    static int[] DrawDistinct(int n, int k, SplitMix64 rng)
    {
        var idx = Enumerable.Range(0, n).ToArray();
        for (int i = 0; i < k; i++)
        {
            int j = i + rng.NextInt(n - i);
            (idx[i], idx[j]) = (idx[j], idx[i]);
        }
        return idx[..k];
    }
}
