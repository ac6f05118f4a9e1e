using System.Text;

namespace Helix.XDoc;

/// <summary>File names for topic pages: the name with unsafe characters replaced, made unique without regard to case.</summary>
internal static class PageNames
{
    public static Dictionary<string, string> Assign(IEnumerable<string> names)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            var baseName = Sanitize(name);
            var file = baseName + ".html";
            for (int i = 2; !taken.Add(file); i++) file = $"{baseName}~{i}.html";
            map[name] = file;
        }
        return map;
    }

    static string Sanitize(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var ch in name)
            sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' or '_' ? ch : ch == ' ' ? '-' : ch is '<' or '>' or ',' ? '_' : '_');
        var s = sb.ToString().Trim('.');
        if (s.Length == 0) s = "topic";
        return s.Length > 120 ? s[..120] : s;
    }
}
