using System.Globalization;
using System.Text;
using Helix.Core;

namespace Helix.Proteins.Data;

/// <summary>
/// Streams protein records from a UniProt flat file (.dat, plain or gzip). Reads the ID, AC, DE and SQ lines and the
/// sequence block; checks that each entry ends with "//" and that its sequence length matches the SQ line.
/// </summary>
public static class UniProtReader
{
    /// <summary>Reads the entries of <paramref name="path"/> lazily.</summary>
    public static IEnumerable<ProteinRecord> Read(string path)
    {
        using var src = new LineSource(path);
        string? name = null, accession = null;
        var description = new StringBuilder();
        var seq = new StringBuilder();
        long start = 0;
        int declared = -1, records = 0;
        bool inSequence = false;
        for (var line = src.ReadLine(); line != null; line = src.ReadLine())
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (line.StartsWith("//", StringComparison.Ordinal))
            {
                if (name == null) throw src.Error("'//' without an entry before it.");
                if (!inSequence) throw src.Error($"entry '{name}' ends without an SQ sequence block.");
                if (declared >= 0 && seq.Length != declared)
                    throw src.Error($"entry '{name}': the SQ line declares {declared} residues but the sequence has {seq.Length}.");
                records++;
                yield return new ProteinRecord(accession ?? name, description.ToString().Trim(), seq.ToString(), path, start);
                name = accession = null; description.Clear(); seq.Clear(); declared = -1; inSequence = false;
                continue;
            }
            if (inSequence)
            {
                if (!line.StartsWith("     ", StringComparison.Ordinal)) throw src.Error($"entry '{name}': expected a sequence line (five spaces, then residues) or '//'.");
                ResidueLine.Append(src, line, seq, allowSpacingAndDigits: true);
                continue;
            }
            if (line.Length < 2) throw src.Error("a line shorter than its two-letter code.");
            string code = line[..2], body = line.Length > 5 ? line[5..].Trim() : "";
            switch (code)
            {
                case "ID":
                    if (name != null) throw src.Error($"entry '{name}' is not closed by '//' before the next ID line.");
                    name = body.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? throw src.Error("an ID line without a name.");
                    start = src.LineNumber;
                    break;
                case "AC":
                    accession ??= body.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
                    break;
                case "DE":
                    description.Append(body).Append(' ');
                    break;
                case "SQ":
                    if (name == null) throw src.Error("an SQ line before any ID line.");
                    declared = ParseDeclaredLength(src, body);
                    inSequence = true;
                    break;
                default:
                    if (name == null) throw src.Error($"'{code}' line before any ID line; is this a UniProt flat file?");
                    break;
            }
        }
        if (name != null) throw new InvalidInputException(path, src.LineNumber, 0, $"the file ends inside entry '{name}' (no closing '//'); it is truncated.");
        if (records == 0) throw new InvalidInputException(path, 0, 0, "no UniProt entries (the file is empty).");
    }

    static int ParseDeclaredLength(LineSource src, string body)
    {
        // "SEQUENCE   123 AA;  13000 MW;  CRC64;"
        var parts = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int i = Array.IndexOf(parts, "AA;");
        if (i >= 1 && int.TryParse(parts[i - 1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)) return n;
        throw src.Error("an SQ line without 'N AA;'.");
    }
}
