using Helix.Core;

namespace Helix.Aig.Aiger;

/// <summary>A malformed AIGER file: the message says where (file, line and byte offset) and what was expected.</summary>
public sealed class AigerFormatException : InvalidInputException
{
    /// <summary>An error at byte <paramref name="offset"/> on <paramref name="line"/> of <paramref name="source"/>.</summary>
    /// <param name="message">What was found and what was expected.</param>
    /// <param name="offset">Byte offset of the problem from the start of the file.</param>
    /// <param name="line">1-based line of the problem.</param>
    /// <param name="source">The file name, when known.</param>
    public AigerFormatException(string message, long offset, int line, string? source = null)
        : base(source, line, 0, $"byte {offset}: {message}")
    {
        Offset = offset; Source = source;
    }

    /// <summary>Byte offset of the problem from the start of the file.</summary>
    public long Offset { get; }
    /// <summary>The file name, when known.</summary>
    public new string? Source { get; }
}
