using Helix.Core;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Helix.Training;

/// <summary>
/// A JSON-lines metrics log: one object per line (<c>kind</c> "train" or "validation", <c>step</c>, values).
/// Opening it for a resumed run drops the lines after the checkpoint's step, so the log matches the run that continues.
/// </summary>
public sealed class MetricsLog : IDisposable
{
    readonly StreamWriter _writer;
    readonly List<JsonObject> _records;

    /// <summary>Every record in the log, in order (including those kept from before a resume).</summary>
    public IReadOnlyList<JsonObject> Records => _records;

    /// <summary>Opens <paramref name="path"/> (rewritten atomically, then appended to): a fresh log when <paramref name="keepThroughStep"/> is null, else keeps records with step ≤ it.</summary>
    public MetricsLog(string path, long? keepThroughStep)
    {
        var full = Path.GetFullPath(path);
        _records = keepThroughStep is { } keep && File.Exists(full)
            ? Read(full).Where(r => (long?)r["step"] <= keep).ToList()
            : new List<JsonObject>();
        AtomicFile.WriteText(full, w =>
        {
            foreach (var r in _records) w.WriteLine(r.ToJsonString());
        });
        _writer = new StreamWriter(new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read));
    }

    /// <summary>Appends one record and flushes it, so a killed run loses nothing it logged.</summary>
    public void Write(JsonObject record)
    {
        _records.Add(record);
        _writer.WriteLine(record.ToJsonString());
        _writer.Flush();
    }

    /// <summary>Reads a log; a damaged line (a run killed mid-write) ends the read.</summary>
    public static List<JsonObject> Read(string path)
    {
        var list = new List<JsonObject>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            try { if (JsonNode.Parse(line) is JsonObject o) list.Add(o); else break; }
            catch (JsonException) { break; }
        }
        return list;
    }

    /// <inheritdoc/>
    public void Dispose() => _writer.Dispose();
}
