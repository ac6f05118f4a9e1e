using System.Text;
using Helix.Core;

namespace Helix.Proteins.Data;

/// <summary>
/// Streams protein records from a FASTA file (plain or gzip), one at a time: memory holds one record, not the file.
/// Errors (<see cref="InvalidInputException"/>) name the file and line: sequence before any header, a header without a name or a sequence, characters
/// that are not residue letters, a damaged gzip stream, or a file with no records at all.
/// </summary>
public static class FastaReader
{
    /// <summary>Reads the records of <paramref name="path"/> lazily.</summary>
    public static IEnumerable<ProteinRecord> Read(string path)
    {
        using var src = new LineSource(path);
        string? id = null, description = null;
        long start = 0;
        var seq = new StringBuilder();
        int records = 0;
        for (var line = src.ReadLine(); line != null; line = src.ReadLine())
        {
            if (line.Length > 0 && line[0] == '>')
            {
                if (id != null) { records++; yield return Finish(src, id, description!, seq, start); }
                (id, description) = ParseHeader(src, line);
                start = src.LineNumber;
                seq.Clear();
            }
            else if (line.Length > 0 && line[0] == ';') continue;   // old-style FASTA comment
            else if (string.IsNullOrWhiteSpace(line)) continue;
            else
            {
                if (id == null) throw src.Error("sequence data before the first '>' header; is this a FASTA file?");
                ResidueLine.Append(src, line, seq, allowSpacingAndDigits: false);
            }
        }
        if (id != null) { records++; yield return Finish(src, id, description!, seq, start); }
        if (records == 0) throw new InvalidInputException(path, 0, 0, "no FASTA records (the file is empty or has no '>' header).");
    }

    static (string Id, string Description) ParseHeader(LineSource src, string line)
    {
        var rest = line.AsSpan(1).Trim();
        int space = rest.IndexOfAny(' ', '\t');
        var id = space < 0 ? rest : rest[..space];
        if (id.IsEmpty) throw src.Error("a '>' header without a sequence name; write '>NAME description'.");
        return (id.ToString(), space < 0 ? "" : rest[(space + 1)..].Trim().ToString());
    }

    static ProteinRecord Finish(LineSource src, string id, string description, StringBuilder seq, long start)
    {
        if (seq.Length == 0) throw new InvalidInputException(src.Path, start, 0, $"record '{id}' has no sequence (truncated file?).");
        return new ProteinRecord(id, description, seq.ToString(), src.Path, start);
    }
}
