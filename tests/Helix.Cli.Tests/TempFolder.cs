using System.Text;

namespace Helix.Cli.Tests;

/// <summary>A temporary folder with small seeded data files, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("helix-cli-").FullName;

    public string Write(string name, string text)
    {
        var p = System.IO.Path.Combine(Path, name);
        File.WriteAllText(p, text);
        return p;
    }

    /// <summary>Random proteins of 20–60 residues as FASTA text.</summary>
    public static string Fasta(int count, int seed)
    {
        var rng = new Random(seed);
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            sb.Append(">prot").Append(i).Append('\n');
            int n = rng.Next(20, 61);
            for (int j = 0; j < n; j++) sb.Append("ACDEFGHIKLMNPQRSTVWY"[rng.Next(20)]);
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Repetitive text of a few words in a seeded order.</summary>
    public static string Text(int words, int seed)
    {
        var vocabulary = new[] { "the", "cat", "sat", "on", "a", "mat", "and", "ran" };
        var rng = new Random(seed);
        return string.Join(' ', Enumerable.Range(0, words).Select(_ => vocabulary[rng.Next(vocabulary.Length)]));
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
