using System.Globalization;
using System.Text;

namespace Helix.Proteins.Output;

/// <summary>Embedding rows as CSV: a header <c>id,e0,e1,…</c>, then one line per row (id quoted when needed, floats round-trip).</summary>
public sealed class CsvEmbeddingWriter : IEmbeddingSink
{
    readonly TextWriter _writer;
    readonly int _columns;
    readonly StringBuilder _line = new();

    /// <summary>Writes the header for <paramref name="columns"/> values to <paramref name="writer"/>.</summary>
    public CsvEmbeddingWriter(TextWriter writer, int columns)
    {
        if (columns < 1) throw new ArgumentException($"columns must be ≥ 1, got {columns}");
        (_writer, _columns) = (writer, columns);
        _writer.WriteLine("id," + string.Join(',', Enumerable.Range(0, columns).Select(i => $"e{i}")));
    }

    /// <inheritdoc/>
    public void Write(string id, ReadOnlySpan<float> values)
    {
        if (values.Length != _columns) throw new ArgumentException($"row has {values.Length} values, expected {_columns}");
        _line.Clear().Append(Quote(id));
        foreach (var v in values) _line.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
        _writer.WriteLine(_line);
    }

    /// <summary>A CSV field: quoted (with doubled quotes) when it holds a comma, a quote or a line break.</summary>
    public static string Quote(string s) => s.IndexOfAny(new[] { ',', '"', '\n', '\r' }) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
