using Helix.Core;

namespace Helix.Proteins.Data;

/// <summary>
/// Reads a text file line by line, plain or gzip (detected by its magic bytes, not its name), keeping the line
/// number, and turns decompression and I/O failures into <see cref="InvalidInputException"/>s that name the file and
/// line. A gzip file is checked to its end (<see cref="VerifiedGzipStream"/>): a cut-off or damaged one is an error.
/// </summary>
internal sealed class LineSource : IDisposable
{
    readonly StreamReader _reader;

    /// <summary>The file being read.</summary>
    public string Path { get; }
    /// <summary>Number of the last line returned (1-based).</summary>
    public long LineNumber { get; private set; }

    public LineSource(string path)
    {
        Path = path;
        if (Directory.Exists(path)) throw new ArgumentException($"{path} is a folder; give a FASTA or UniProt file.");
        if (!File.Exists(path)) throw new FileNotFoundException($"sequence file not found: {path}", path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Stream stream = IsGzip(file) ? new VerifiedGzipStream(file) : file;
        _reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
    }

    static bool IsGzip(Stream s)
    {
        Span<byte> head = stackalloc byte[2];
        int n = s.Read(head);
        s.Position = 0;
        return n == 2 && head[0] == 0x1f && head[1] == 0x8b;
    }

    /// <summary>The next line without its terminator, or null at the end.</summary>
    public string? ReadLine()
    {
        try
        {
            var line = _reader.ReadLine();
            if (line != null) LineNumber++;
            return line;
        }
        catch (InvalidDataException e)
        {
            throw new InvalidInputException(Path, LineNumber + 1, 0, $"{e.Message}; download or decompress it again.", e);
        }
        catch (IOException e)
        {
            throw new InvalidInputException(Path, LineNumber + 1, 0, $"the file cannot be read ({e.Message}).", e);
        }
    }

    /// <summary>An error at the current line.</summary>
    public InvalidInputException Error(string what) => new(Path, LineNumber, 0, what);

    public void Dispose() => _reader.Dispose();
}
