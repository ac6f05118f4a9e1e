namespace Helix.Core;

/// <summary>
/// Input data (a file, a stream, a string) is malformed. The message names the place (file:line:column where known),
/// what was found and what was expected.
/// </summary>
public class InvalidInputException : FormatException
{
    /// <summary>The file, or null for input that did not come from a file.</summary>
    public string? File { get; }

    /// <summary>1-based line, or 0 when not known.</summary>
    public long Line { get; }

    /// <summary>1-based column, or 0 when not known.</summary>
    public long Column { get; }

    /// <summary>A message that already says where.</summary>
    public InvalidInputException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>A message prefixed with <c>file:line:column</c>.</summary>
    public InvalidInputException(string? file, long line, long column, string message, Exception? inner = null)
        : base($"{Location(file, line, column)}{message}", inner)
    {
        File = file; Line = line; Column = column;
    }

    static string Location(string? file, long line, long column) =>
        (file, line, column) switch
        {
            (null, 0, _) => "",
            (null, _, 0) => $"line {line}: ",
            (null, _, _) => $"line {line}, column {column}: ",
            (_, 0, _) => $"{file}: ",
            (_, _, 0) => $"{file}:{line}: ",
            _ => $"{file}:{line}:{column}: ",
        };
}
