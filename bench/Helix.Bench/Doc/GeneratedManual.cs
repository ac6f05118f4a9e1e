using System.Text;
using Helix.Core;

namespace Helix.Bench.Doc;

/// <summary>
/// A seeded synthetic manual of N topic files: topic i has 1–3 parents among earlier topics (a DAG under the root,
/// biased towards early topics, so importance is skewed as in real manuals), ~120 words of prose from a fixed
/// vocabulary, three <c>@(see)</c> links, a code span and a list.
/// </summary>
public static class GeneratedManual
{
    static readonly string[] Words =
    ("topic manual graph parent child link index search build check page source attention kernel feature random " +
     "orthogonal matrix tensor gradient batch token protein sequence mask model train step loss seed checkpoint resume " +
     "circuit gate literal clause solver proof equivalence sweep simulate vector word signal node edge cycle root leaf " +
     "fast exact lazy shard prefix query answer static browser script style print table figure example output error")
        .Split(' ');

    /// <summary>The name of topic <paramref name="i"/> (topic 0 is the root).</summary>
    public static string Name(int i) => i == 0 ? "Helix" : $"{Words[i % Words.Length]}-{i:D5}";

    /// <summary>Writes the topic files into <paramref name="folder"/> (Markdown with XDoc headers).</summary>
    public static void Write(string folder, int count, ulong seed)
    {
        Directory.CreateDirectory(folder);
        var rng = new SplitMix64(seed);
        for (int i = 0; i < count; i++)
        {
            var sb = new StringBuilder();
            sb.Append("---\nname: ").Append(Name(i)).Append('\n');
            if (i > 0)
            {
                int n = 1 + rng.NextInt(3);
                var parents = new SortedSet<int>();
                for (int k = 0; k < n; k++)
                {
                    // Square the uniform draw: early topics get more children.
                    double u = rng.NextDouble();
                    parents.Add((int)(u * u * i));
                }
                sb.Append("parents: ").Append(string.Join(", ", parents.Select(Name))).Append('\n');
            }
            sb.Append("short: ").Append(Sentence(rng, 8)).Append("\n---\n");
            sb.Append(Sentence(rng, 40)).Append(" See @(see ").Append(Name(rng.NextInt(count))).Append(").\n\n");
            sb.Append("Use `").Append(Words[rng.NextInt(Words.Length)]).Append("` with ").Append(Sentence(rng, 30)).Append('\n');
            sb.Append("Also @(see ").Append(Name(rng.NextInt(count))).Append(") and @(see ").Append(Name(rng.NextInt(count))).Append(").\n\n");
            for (int k = 0; k < 3; k++) sb.Append("- ").Append(Sentence(rng, 10)).Append('\n');
            sb.Append('\n').Append(Sentence(rng, 30)).Append('\n');
            File.WriteAllText(Path.Combine(folder, $"t{i:D5}.md"), sb.ToString());
        }
    }

    static string Sentence(SplitMix64 rng, int words)
    {
        var sb = new StringBuilder();
        for (int k = 0; k < words; k++)
        {
            if (k > 0) sb.Append(' ');
            var w = Words[rng.NextInt(Words.Length)];
            sb.Append(k == 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w);
        }
        return sb.Append('.').ToString();
    }
}
