using System.Text;
using Helix.Core;

namespace Helix.Proteins.Data;

/// <summary>Checks and appends the residue letters of one sequence line (shared by the FASTA and UniProt readers and sequences given as text).</summary>
internal static class ResidueLine
{
    /// <summary>What residues may be, for error messages.</summary>
    public const string Expected = "residues are letters A–Z";

    /// <summary>
    /// Appends the letters of <paramref name="line"/> (upper-cased) to <paramref name="into"/>, skipping spaces and
    /// digits when <paramref name="allowSpacingAndDigits"/> (UniProt), and one trailing '*' (stop). Any other
    /// character is an error naming its column.
    /// </summary>
    public static void Append(LineSource src, string line, StringBuilder into, bool allowSpacingAndDigits)
    {
        int bad = TryAppend(line, into, allowSpacingAndDigits);
        if (bad >= 0) throw src.Error($"column {bad + 1}: unexpected character '{Printable(line[bad])}' in a sequence ({Expected}); fix or remove the line.");
    }

    /// <summary>A sequence given as text (one line, the FASTA rules): its upper-case residues, or an error naming the position and character.</summary>
    public static string Parse(string text)
    {
        var into = new StringBuilder(text.Length);
        int bad = TryAppend(text, into, allowSpacingAndDigits: false);
        if (bad >= 0) throw new InvalidInputException($"position {bad + 1}: unexpected character '{Printable(text[bad])}' in the sequence ({Expected}).");
        if (into.Length == 0) throw new InvalidInputException($"the sequence has no residues ({Expected}).");
        return into.ToString();
    }

    /// <summary>Appends the residues; returns the index of the first character that is not allowed, or −1.</summary>
    static int TryAppend(ReadOnlySpan<char> line, StringBuilder into, bool allowSpacingAndDigits)
    {
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c is >= 'A' and <= 'Z') into.Append(c);
            else if (c is >= 'a' and <= 'z') into.Append((char)(c - 32));
            else if (c == '*' && line[(i + 1)..].Trim().IsEmpty) break;
            else if (c is ' ' or '\t' or '\r' || (allowSpacingAndDigits && char.IsAsciiDigit(c))) continue;
            else return i;
        }
        return -1;
    }

    static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString();
}
