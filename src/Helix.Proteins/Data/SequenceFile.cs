namespace Helix.Proteins.Data;

/// <summary>Reads FASTA or UniProt flat files, recognised by their first non-blank line (plain or gzip).</summary>
public static class SequenceFile
{
    /// <summary>The records of <paramref name="path"/>, streamed.</summary>
    public static IEnumerable<ProteinRecord> Read(string path) => DetectUniProt(path) ? UniProtReader.Read(path) : FastaReader.Read(path);

    /// <summary>
    /// A record from a sequence given as text (a command-line argument), checked by the FASTA reader's rules: letters
    /// A–Z in either case (upper-cased), spaces ignored, one trailing '*'. Anything else is a
    /// <see cref="Helix.Core.InvalidInputException"/> naming the 1-based position and the character.
    /// </summary>
    /// <param name="text">The sequence.</param>
    /// <param name="id">The record's id.</param>
    public static ProteinRecord FromText(string text, string id = "input") => new(id, "", ResidueLine.Parse(text), "argument", 1);

    static bool DetectUniProt(string path)
    {
        using var src = new LineSource(path);
        for (var line = src.ReadLine(); line != null; line = src.ReadLine())
            if (!string.IsNullOrWhiteSpace(line)) return line.StartsWith("ID   ", StringComparison.Ordinal);
        return false;
    }
}
