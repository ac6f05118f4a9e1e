namespace Helix.XDoc;

/// <summary>
/// Reads topic files: a header between two <c>---</c> lines with <c>name:</c>, <c>parents:</c> (comma separated) and
/// <c>short:</c>, then the long text in Markdown.
/// </summary>
internal static class TopicFileReader
{
    /// <summary>Every <c>*.md</c> file under <paramref name="folder"/>, in name order; problems go to <paramref name="diagnostics"/>.</summary>
    public static List<Topic> ReadFolder(string folder, string displayRoot, List<DocDiagnostic> diagnostics)
    {
        var topics = new List<Topic>();
        if (!Directory.Exists(folder)) return topics;
        foreach (var path in Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var display = Path.GetRelativePath(displayRoot, path);
            var topic = Read(File.ReadAllBytes(path), display, diagnostics);
            if (topic != null) topics.Add(topic);
        }
        return topics;
    }

    /// <summary>Parses one topic file; null (with a diagnostic) when it cannot be read as a topic.</summary>
    public static Topic? Read(ReadOnlySpan<byte> bytes, string file, List<DocDiagnostic> diagnostics)
    {
        var text = Utf8Text.TryDecode(bytes, out int badLine, out int badColumn);
        if (text == null)
        {
            diagnostics.Add(new(DiagnosticCodes.Encoding, true, new(file, badLine, badColumn), "the file is not valid UTF-8: save it as UTF-8"));
            return null;
        }
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++) lines[i] = lines[i].TrimEnd('\r');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            diagnostics.Add(Malformed(file, 1, "a topic file starts with a header: a line `---`, then `name:`, `parents:` and `short:` lines, then `---`"));
            return null;
        }
        string? name = null, shortText = null;
        var parents = new List<string>();
        int nameLine = 1, end = -1;
        bool ok = true;
        for (int i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim() == "---") { end = i; break; }
            if (line.Trim().Length == 0) continue;
            int colon = line.IndexOf(':');
            if (colon <= 0) { diagnostics.Add(Malformed(file, i + 1, $"expected `key: value` in the header, found `{line.Trim()}`")); ok = false; continue; }
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "name": name = value; nameLine = i + 1; break;
                case "short": shortText = value; break;
                case "parents":
                    foreach (var p in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) parents.Add(p);
                    break;
                default:
                    diagnostics.Add(Malformed(file, i + 1, $"unknown header key `{key}`: expected name, parents or short")); ok = false; break;
            }
        }
        if (end < 0) { diagnostics.Add(Malformed(file, 1, "the header is not closed: add a line `---` after it")); return null; }
        if (string.IsNullOrEmpty(name)) { diagnostics.Add(Malformed(file, 1, "the header has no `name:`")); return null; }
        if (string.IsNullOrEmpty(shortText)) { diagnostics.Add(Malformed(file, nameLine, $"topic `{name}` has no `short:` line")); ok = false; }
        if (name.IndexOfAny(['(', ')', '\t']) >= 0) { diagnostics.Add(Malformed(file, nameLine, $"topic name `{name}` may not contain parentheses or tabs")); return null; }
        _ = ok;
        return new Topic
        {
            Name = name,
            Parents = parents,
            Short = shortText ?? "",
            Long = string.Join('\n', lines, end + 1, lines.Length - end - 1),
            Kind = TopicKind.File,
            Location = new(file, nameLine),
            LongLine = end + 2,
            Source = new(file, 1),
        };
    }

    static DocDiagnostic Malformed(string file, int line, string message) => new(DiagnosticCodes.Malformed, true, new(file, line), message);
}
