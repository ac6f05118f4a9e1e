using System.Globalization;
using System.Text;

namespace Helix.Bench.Infrastructure;

/// <summary>A benchmark's rows, written as a Markdown table and a CSV with the same columns.</summary>
public sealed class ResultTable(params string[] columns)
{
    readonly List<string[]> _rows = new();

    public IReadOnlyList<string> Columns { get; } = columns;
    public IReadOnlyList<string[]> Rows => _rows;

    public void Add(params object?[] cells)
    {
        if (cells.Length != Columns.Count) throw new ArgumentException($"row has {cells.Length} cells, table has {Columns.Count} columns");
        _rows.Add(cells.Select(Format).ToArray());
    }

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", Columns).AppendLine(" |");
        sb.Append('|').AppendJoin("", Columns.Select(_ => "---|")).AppendLine();
        foreach (var r in _rows) sb.Append("| ").AppendJoin(" | ", r).AppendLine(" |");
        return sb.ToString();
    }

    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.AppendJoin(",", Columns.Select(Quote)).AppendLine();
        foreach (var r in _rows) sb.AppendJoin(",", r.Select(Quote)).AppendLine();
        return sb.ToString();
    }

    static string Quote(string s) => s.IndexOfAny(new[] { ',', '"', '\n' }) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    static string Format(object? v) => v switch
    {
        null => "",
        double d when double.IsNaN(d) => "",
        double d => d.ToString(Math.Abs(d) >= 100 ? "F0" : Math.Abs(d) >= 1 ? "F2" : "G3", CultureInfo.InvariantCulture),
        float f => Format((double)f),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
