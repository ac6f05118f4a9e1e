using System.Text;

namespace Helix.LanguageModels.Tests;

/// <summary>Small deterministic corpora in a temporary folder, deleted afterwards.</summary>
public sealed class TinyCorpus : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("helix-lm-").FullName;

    /// <summary>Repetitive text (a few words in a seeded order): easy to learn, so the loss falls within a few steps.</summary>
    public string Text(int words = 600, int seed = 1)
    {
        var vocabulary = new[] { "the", "cat", "sat", "on", "a", "mat", "and", "ran" };
        var rng = new Random(seed);
        var sb = new StringBuilder();
        for (int i = 0; i < words; i++) sb.Append(vocabulary[rng.Next(vocabulary.Length)]).Append(' ');
        return Write("text.txt", sb.ToString());
    }

    /// <summary>A FASTA file of <paramref name="records"/> seeded random proteins of 20–40 residues.</summary>
    public string Fasta(int records = 40, int seed = 1)
    {
        const string residues = "ACDEFGHIKLMNPQRSTVWY";
        var rng = new Random(seed);
        var sb = new StringBuilder();
        for (int r = 0; r < records; r++)
        {
            sb.Append($">p{r}\n");
            int n = rng.Next(20, 41);
            for (int i = 0; i < n; i++) sb.Append(residues[rng.Next(residues.Length)]);
            sb.Append('\n');
        }
        return Write("proteins.fasta", sb.ToString());
    }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
