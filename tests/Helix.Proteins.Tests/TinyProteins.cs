using Helix.Core;
using System.Text;
using Helix.Attention;
using Helix.Proteins.Model;
using Helix.Training;

namespace Helix.Proteins.Tests;

/// <summary>Tiny models and synthetic protein files for fast tests.</summary>
internal static class TinyProteins
{
    public static ProteinModelConfig Model(AttentionMechanism mechanism = AttentionMechanism.Favor, int length = 32) => new()
    {
        Dim = 32, Depth = 1, Heads = 2, FeedForwardMultiplier = 2, Dropout = 0.1, MaxLength = length,
        Mechanism = mechanism, NumFeatures = 16, RedrawEvery = 3,
    };

    /// <summary>The proteins of <see cref="Fasta"/> as records.</summary>
    public static List<Helix.Proteins.Data.ProteinRecord> Records(int count, ulong seed, int minLength = 20, int maxLength = 60)
    {
        var lines = Fasta(count, seed, minLength, maxLength).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return Enumerable.Range(0, lines.Length / 2).Select(i => new Helix.Proteins.Data.ProteinRecord(lines[2 * i][1..], "", lines[2 * i + 1], "test", 2 * i + 1)).ToList();
    }

    /// <summary>Random proteins with a learnable pattern (a repeated motif), as FASTA text.</summary>
    public static string Fasta(int count, ulong seed, int minLength = 20, int maxLength = 60)
    {
        var rng = new SplitMix64(seed);
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            int n = minLength + rng.NextInt(maxLength - minLength + 1);
            sb.Append(">prot").Append(i).Append('\n');
            for (int j = 0; j < n; j++) sb.Append("ACDEFGHIKLMNPQRSTVWY"[rng.NextInt(20)]);
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
