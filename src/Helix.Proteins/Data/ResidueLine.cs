using System.Text;

namespace Helix.Proteins.Data;

/// <summary>Checks and appends the residue letters of one sequence line (shared by the FASTA and UniProt readers).</summary>
internal static class ResidueLine
{
    /// <summary>
    /// Appends the letters of <paramref name="line"/> (upper-cased) to <paramref name="into"/>, skipping spaces and
    /// digits when <paramref name="allowSpacingAndDigits"/> (UniProt), and one trailing '*' (stop). Any other
    /// character is an error naming its column.
    /// </summary>
    public static void Append(LineSource src, string line, StringBuilder into, bool allowSpacingAndDigits)
    {
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c is >= 'A' and <= 'Z') into.Append(c);
            else if (c is >= 'a' and <= 'z') into.Append((char)(c - 32));
            else if (c == '*' && line.AsSpan(i + 1).Trim().IsEmpty) break;
            else if (c is ' ' or '\t' or '\r' || (allowSpacingAndDigits && char.IsAsciiDigit(c))) continue;
            else throw src.Error($"column {i + 1}: unexpected character '{Printable(c)}' in a sequence (residues are letters A–Z); fix or remove the line.");
        }
    }

    static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString();
}
