namespace Helix.Aig.Aiger;

/// <summary>A malformed AIGER file: the message says where (line and byte offset) and what was expected.</summary>
public sealed class AigerFormatException : FormatException
{
    public AigerFormatException(string message, long offset, int line, string? source = null)
        : base($"{(source != null ? source + ":" : "")}{line}: byte {offset}: {message}")
    {
        Offset = offset; Line = line; Source = source;
    }

    /// <summary>Byte offset of the problem from the start of the file.</summary>
    public long Offset { get; }
    /// <summary>1-based line of the problem (for binary sections, the line the binary data starts on).</summary>
    public int Line { get; }
    /// <summary>The file name, when known.</summary>
    public new string? Source { get; }
}
