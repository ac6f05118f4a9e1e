namespace Helix.Proteins.Data;

/// <summary>Reads FASTA or UniProt flat files, recognised by their first non-blank line (plain or gzip).</summary>
public static class SequenceFile
{
    /// <summary>The records of <paramref name="path"/>, streamed.</summary>
    public static IEnumerable<ProteinRecord> Read(string path) => DetectUniProt(path) ? UniProtReader.Read(path) : FastaReader.Read(path);

    static bool DetectUniProt(string path)
    {
        using var src = new LineSource(path);
        for (var line = src.ReadLine(); line != null; line = src.ReadLine())
            if (!string.IsNullOrWhiteSpace(line)) return line.StartsWith("ID   ", StringComparison.Ordinal);
        return false;
    }
}
