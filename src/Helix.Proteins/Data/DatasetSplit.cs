using System.Text;

namespace Helix.Proteins.Data;

/// <summary>The part of the corpus a protein belongs to.</summary>
public enum SplitPart
{
    /// <summary>Used to fit the model.</summary>
    Train,
    /// <summary>Used to watch training (periodic validation).</summary>
    Validation,
    /// <summary>Held out for the final report.</summary>
    Test,
}

/// <summary>
/// Deterministic train/validation/test assignment by a hash (FNV-1a, 64-bit) of the sequence id: the same id always
/// lands in the same part, whatever the file order or the machine.
/// </summary>
/// <param name="ValidationFraction">Share of ids in the validation part.</param>
/// <param name="TestFraction">Share of ids in the test part.</param>
public sealed record DatasetSplit(double ValidationFraction = 0.05, double TestFraction = 0.05)
{
    /// <summary>The part of <paramref name="id"/>.</summary>
    public SplitPart Assign(string id)
    {
        double u = Unit(id);
        return u < TestFraction ? SplitPart.Test : u < TestFraction + ValidationFraction ? SplitPart.Validation : SplitPart.Train;
    }

    /// <summary>The id's hash mapped to [0, 1).</summary>
    internal static double Unit(string id)
    {
        ulong h = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(id)) { h ^= b; h *= 1099511628211UL; }
        h ^= h >> 33; h *= 0xff51afd7ed558ccdUL; h ^= h >> 33;   // spread the low-entropy FNV bits
        return (h >> 11) * (1.0 / (1UL << 53));
    }
}
