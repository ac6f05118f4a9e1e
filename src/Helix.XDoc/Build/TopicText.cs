using System.Text;
using System.Text.RegularExpressions;

namespace Helix.XDoc;

/// <summary>A topic as plain text for a terminal: header, parents, the long text with links numbered, then the links,
/// the subtopics and the source.</summary>
public static partial class TopicText
{
    [GeneratedRegex(@"(?<!\\)@\((see|call)\s+([^)|]+?)(?:\|([^)]*))?\)")]
    private static partial Regex Inline();

    [GeneratedRegex(@"\\([\\`*_\[\]<>#|@{}()!.+\-])")]
    private static partial Regex Unescape();

    [GeneratedRegex(@"^\s*@\(def\s+(.+)\)\s*$", RegexOptions.Multiline)]
    private static partial Regex Def();

    /// <summary>The text of topic <paramref name="name"/>, or null when there is no such topic.</summary>
    public static string? Render(XDocManual manual, string name)
    {
        var t = manual.Find(name);
        if (t == null) return null;
        var links = new List<string>();
        int Number(string target)
        {
            int i = links.IndexOf(target);
            if (i < 0) { links.Add(target); i = links.Count - 1; }
            return i + 1;
        }
        var body = Def().Replace(t.Long, m =>
        {
            var entry = manual.Api?.Resolve(m.Groups[1].Value, out _);
            if (entry == null) return m.Value;
            return string.Join("\n", manual.Api!.Declarations(entry).Select(d => $"```csharp\n{d.Code}\n```\n({d.Where})\n"));
        });
        body = Inline().Replace(body, m =>
        {
            var target = m.Groups[2].Value.Trim();
            var label = m.Groups[3].Success ? m.Groups[3].Value.Trim() : target;
            if (m.Groups[1].Value == "call")
            {
                var entry = manual.Api?.Resolve(target, out _);
                return entry == null ? m.Value : "`" + string.Join(" | ", manual.Api!.Signatures(entry)) + "`";
            }
            return manual.Find(target) != null ? $"{label} [{Number(target)}]" : $"{label} [broken link]";
        });
        body = Unescape().Replace(body, "$1");
        var sb = new StringBuilder();
        sb.Append(t.Name).Append('\n').Append(new string('=', Math.Min(t.Name.Length, 80))).Append('\n');
        sb.Append(t.Short).Append("\n\n");
        if (t.Parents.Count > 0) sb.Append("Parents: ").Append(string.Join(", ", t.Parents)).Append("\n\n");
        sb.Append(body.Trim()).Append("\n");
        foreach (var l in manual.LinksFrom(name)) Number(l);
        if (links.Count > 0)
        {
            sb.Append("\nLinks:\n");
            for (int i = 0; i < links.Count; i++) sb.Append($"  [{i + 1}] {links[i]}\n");
        }
        var children = manual.Children(name);
        if (children.Count > 0)
        {
            sb.Append("\nSubtopics:\n");
            foreach (var c in children) sb.Append("  ").Append(c).Append(" — ").Append(manual.Find(c)!.Short).Append('\n');
        }
        if (t.Source is { } src && src.Line > 0) sb.Append("\nSource: ").Append(src).Append('\n');
        return sb.ToString();
    }
}
