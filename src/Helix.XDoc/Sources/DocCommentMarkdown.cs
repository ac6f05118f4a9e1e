using System.Text;
using System.Xml.Linq;

namespace Helix.XDoc;

/// <summary>
/// Turns one element of a C# XML documentation comment into XDoc Markdown: <c>&lt;see cref&gt;</c> becomes
/// <c>@(see Topic|text)</c> when the target is documented here, code otherwise; <c>&lt;c&gt;</c> a code span,
/// <c>&lt;code&gt;</c> a fenced block, lists become lists. Plain mode gives text for short lines.
/// </summary>
internal sealed class DocCommentMarkdown(Func<string, string?> topicOfCref)
{
    /// <summary>Crefs that Roslyn could not resolve (<c>!:</c>), found while converting.</summary>
    public List<string> Unresolved { get; } = new();

    /// <summary>The Markdown of <paramref name="element"/>'s content.</summary>
    public string Convert(XElement? element, bool plain = false)
    {
        if (element == null) return "";
        var sb = new StringBuilder();
        foreach (var node in element.Nodes()) Append(sb, node, plain);
        return Normalize(sb.ToString());
    }

    static string Normalize(string s)
    {
        // Collapse the indentation of doc comments; keep paragraph breaks and fenced code.
        var lines = s.Replace("\r", "").Split('\n');
        var sb = new StringBuilder();
        bool inFence = false;
        foreach (var raw in lines)
        {
            if (raw.StartsWith("```", StringComparison.Ordinal)) { inFence = !inFence; sb.Append(raw).Append('\n'); continue; }
            if (inFence) { sb.Append(raw).Append('\n'); continue; }
            var line = raw.Trim();
            sb.Append(line).Append('\n');
        }
        var text = sb.ToString();
        while (text.Contains("\n\n\n", StringComparison.Ordinal)) text = text.Replace("\n\n\n", "\n\n", StringComparison.Ordinal);
        return text.Trim();
    }

    void Append(StringBuilder sb, XNode node, bool plain)
    {
        switch (node)
        {
            case XText t: sb.Append(plain ? Collapse(t.Value) : Escape(Collapse(t.Value))); break;
            case XElement e: AppendElement(sb, e, plain); break;
        }
    }

    static string Collapse(string s)
    {
        var sb = new StringBuilder(s.Length);
        bool space = false;
        foreach (var ch in s)
        {
            if (ch is ' ' or '\t' or '\r') { if (!space) sb.Append(' '); space = true; }
            else if (ch == '\n') { if (!space) sb.Append(' '); space = true; }
            else { sb.Append(ch); space = false; }
        }
        return sb.ToString();
    }

    void AppendChildren(StringBuilder sb, XElement e, bool plain)
    {
        foreach (var n in e.Nodes()) Append(sb, n, plain);
    }

    void AppendElement(StringBuilder sb, XElement e, bool plain)
    {
        switch (e.Name.LocalName)
        {
            case "see":
            case "seealso":
                AppendSee(sb, e, plain);
                break;
            case "paramref":
            case "typeparamref":
                var n = (string?)e.Attribute("name") ?? "";
                sb.Append(plain ? n : $"`{n}`");
                break;
            case "c":
                sb.Append(plain ? e.Value : Code(e.Value));
                break;
            case "code":
                if (plain) { sb.Append(e.Value); break; }
                sb.Append("\n\n```csharp\n").Append(Dedent(e.Value)).Append("\n```\n\n");
                break;
            case "para":
                sb.Append(plain ? " " : "\n\n"); AppendChildren(sb, e, plain); sb.Append(plain ? " " : "\n\n");
                break;
            case "br":
                sb.Append(plain ? " " : "  \n");
                break;
            case "b": case "strong":
                if (!plain) sb.Append("**"); AppendChildren(sb, e, plain); if (!plain) sb.Append("**");
                break;
            case "i": case "em":
                if (!plain) sb.Append('*'); AppendChildren(sb, e, plain); if (!plain) sb.Append('*');
                break;
            case "a":
                var href = (string?)e.Attribute("href");
                if (plain || href == null) AppendChildren(sb, e, plain);
                else { sb.Append('['); AppendChildren(sb, e, plain); sb.Append("](").Append(href).Append(')'); }
                break;
            case "list":
                AppendList(sb, e, plain);
                break;
            default:
                AppendChildren(sb, e, plain);
                break;
        }
    }

    void AppendList(StringBuilder sb, XElement e, bool plain)
    {
        bool numbered = (string?)e.Attribute("type") == "number";
        sb.Append(plain ? " " : "\n\n");
        int i = 1;
        foreach (var item in e.Elements("item"))
        {
            if (!plain) sb.Append(numbered ? $"{i++}. " : "- ");
            var term = item.Element("term");
            var desc = item.Element("description");
            if (term != null)
            {
                if (!plain) sb.Append("**"); AppendChildren(sb, term, plain); if (!plain) sb.Append("**");
                if (desc != null) sb.Append(": ");
            }
            if (desc != null) AppendChildren(sb, desc, plain);
            if (term == null && desc == null) AppendChildren(sb, item, plain);
            sb.Append(plain ? " " : "\n");
        }
        sb.Append(plain ? " " : "\n");
    }

    void AppendSee(StringBuilder sb, XElement e, bool plain)
    {
        var inner = e.Value.Trim();
        if ((string?)e.Attribute("langword") is { } word) { sb.Append(plain ? word : $"`{word}`"); return; }
        if ((string?)e.Attribute("href") is { } href)
        {
            var label = inner.Length > 0 ? inner : href;
            sb.Append(plain ? label : $"[{Escape(label)}]({href})");
            return;
        }
        var cref = (string?)e.Attribute("cref");
        if (cref == null) { sb.Append(plain ? inner : Escape(inner)); return; }
        var text = inner.Length > 0 ? inner : DisplayName(cref);
        if (plain) { sb.Append(text); return; }
        if (cref.StartsWith("!:", StringComparison.Ordinal))
        {
            Unresolved.Add(cref[2..]);
            sb.Append($"@(see {cref[2..]}|{text})");
            return;
        }
        var topic = topicOfCref(cref);
        sb.Append(topic != null ? $"@(see {topic}|{text})" : Code(text));
    }

    /// <summary>A short display name for a documentation ID: the last name, with its generic arity as &lt;…&gt;.</summary>
    public static string DisplayName(string cref)
    {
        var s = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        int paren = s.IndexOf('(');
        if (paren >= 0) s = s[..paren];
        var parts = s.Split('.');
        var last = parts[^1];
        if (last is "#ctor" && parts.Length > 1) last = parts[^2];
        var tick = last.IndexOf('`');
        if (tick >= 0) last = last[..tick] + "<…>";
        if (cref.StartsWith("M:", StringComparison.Ordinal) || cref.StartsWith("P:", StringComparison.Ordinal) || cref.StartsWith("F:", StringComparison.Ordinal) || cref.StartsWith("E:", StringComparison.Ordinal))
        {
            if (parts.Length > 1 && parts[^1] != "#ctor")
            {
                var owner = parts[^2];
                var t2 = owner.IndexOf('`');
                if (t2 >= 0) owner = owner[..t2];
                return owner + "." + last;
            }
        }
        return last;
    }

    static string Code(string s)
    {
        s = s.Replace('\n', ' ').Trim();
        int ticks = 1;
        while (s.Contains(new string('`', ticks), StringComparison.Ordinal)) ticks++;
        var fence = new string('`', ticks);
        return ticks > 1 || s.StartsWith('`') || s.EndsWith('`') ? $"{fence} {s} {fence}" : $"`{s}`";
    }

    static string Dedent(string s)
    {
        var lines = s.Replace("\r", "").Split('\n').ToList();
        while (lines.Count > 0 && lines[0].Trim().Length == 0) lines.RemoveAt(0);
        while (lines.Count > 0 && lines[^1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
        int indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    /// <summary>Backslash-escapes the characters Markdown or XDoc would read as markup.</summary>
    public static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var ch in s)
        {
            if (ch is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '@') sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
