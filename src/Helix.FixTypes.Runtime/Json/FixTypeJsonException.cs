using System.Text.Json;

namespace Helix.FixTypes.Json;

/// <summary>A strict-mode rejection: the JSON path of the bad value and why it is invalid.</summary>
public sealed class FixTypeJsonException : JsonException
{
    /// <summary>A rejection at <paramref name="jsonPath"/> (like <c>$.sweep.conflictLimit</c>).</summary>
    public FixTypeJsonException(string jsonPath, string reason)
        : base($"{jsonPath}: {reason}", jsonPath, null, null)
    {
        JsonPath = jsonPath;
        Reason = reason;
    }

    /// <summary>The JSON path of the bad value.</summary>
    public string JsonPath { get; }

    /// <summary>Why the value is invalid.</summary>
    public string Reason { get; }

    /// <summary>A relative rejection for a field (<c>$.name</c>).</summary>
    public static FixTypeJsonException AtField(string name, string reason) => new("$." + name, reason);

    /// <summary>The same rejection one level deeper: <paramref name="segment"/> is a property name or an index
    /// (<c>[3]</c>).</summary>
    public FixTypeJsonException Under(string segment) =>
        new("$" + (segment.StartsWith('[') ? segment : "." + segment) + JsonPath[1..], Reason);
}
