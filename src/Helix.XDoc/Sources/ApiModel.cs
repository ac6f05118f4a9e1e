using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Helix.XDoc;

/// <summary>The C# side of the manual: every declared type and member by name, the documentation-ID map for crefs,
/// and the source needed by <c>@(def)</c> and <c>@(call)</c>.</summary>
internal sealed class ApiModel
{
    readonly Dictionary<string, ApiEntry> _byName = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<ApiEntry>> _bySuffix = new(StringComparer.Ordinal);
    readonly string _repoRoot;

    public ApiModel(string repoRoot) { _repoRoot = repoRoot; }

    /// <summary>Topics for the public types and members (and namespaces, added by the source).</summary>
    public List<Topic> Topics { get; } = new();

    /// <summary>Documentation ID (<c>T:…</c>, <c>M:…</c>) of each public symbol → topic name.</summary>
    public Dictionary<string, string> TopicByDocId { get; } = new(StringComparer.Ordinal);

    /// <summary>Simple names of documented types (unique ones only) → topic name, for auto-links in code spans.</summary>
    public Dictionary<string, string> TypeBySimpleName { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds an entry under its full name and each dotted suffix (<c>SplitMix64.Next</c>, <c>Next</c>).</summary>
    public void Add(ApiEntry entry)
    {
        _byName[entry.Name] = entry;
        var name = StripGenerics(entry.Name);
        _byName.TryAdd(name, entry);
        var parts = name.Split('.');
        for (int i = 1; i < parts.Length; i++)
        {
            var suffix = string.Join('.', parts, i, parts.Length - i);
            if (!_bySuffix.TryGetValue(suffix, out var list)) _bySuffix[suffix] = list = new();
            list.Add(entry);
        }
    }

    static string StripGenerics(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length);
        int depth = 0;
        foreach (var ch in name)
        {
            if (ch == '<') depth++;
            else if (ch == '>') depth--;
            else if (depth == 0) sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>Finds a symbol by full name or a unique dotted suffix; <paramref name="error"/> says why not.</summary>
    public ApiEntry? Resolve(string symbol, out string? error)
    {
        error = null;
        var key = StripGenerics(symbol.Trim());
        int paren = key.IndexOf('(');
        if (paren >= 0) key = key[..paren];
        if (_byName.TryGetValue(key, out var e)) return e;
        if (_bySuffix.TryGetValue(key, out var list))
        {
            var distinct = list.Distinct().ToList();
            if (distinct.Count == 1) return distinct[0];
            var publics = distinct.Where(d => d.IsPublic).ToList();
            if (publics.Count == 1) return publics[0];
            error = $"`{symbol}` is ambiguous: {string.Join(", ", distinct.Take(4).Select(d => d.Name))}";
            return null;
        }
        error = $"no type or member `{symbol}` in the source";
        return null;
    }

    /// <summary>The declarations of <paramref name="entry"/> from the source, dedented, with where they are.</summary>
    public IEnumerable<(string Code, SourceLocation Where)> Declarations(ApiEntry entry, int maxLines = 60)
    {
        foreach (var s in entry.Symbols)
            foreach (var r in s.DeclaringSyntaxReferences)
            {
                var node = r.GetSyntax();
                if (node is VariableDeclaratorSyntax { Parent.Parent: MemberDeclarationSyntax field }) node = field;
                var span = node.GetLocation().GetLineSpan();
                var lines = node.ToString().Replace("\r", "").Split('\n');
                var indent = span.StartLinePosition.Character;
                var text = lines.Select((l, i) => i == 0 ? l : l.Length >= indent && l[..indent].Trim().Length == 0 ? l[indent..] : l.TrimStart()).ToList();
                if (text.Count > maxLines)
                {
                    int open = text.FindIndex(l => l.TrimEnd().EndsWith('{'));
                    text = text.Take(Math.Max(1, Math.Min(open + 1, maxLines))).Append($"    // … {text.Count} lines in all: follow the source link").Append("}").ToList();
                }
                yield return (string.Join('\n', text), Where(span));
            }
    }

    /// <summary>The signatures of <paramref name="entry"/>'s overloads, one per line.</summary>
    public IEnumerable<string> Signatures(ApiEntry entry) => entry.Symbols.Select(s => s.ToDisplayString(ApiSymbolFormats.Signature));

    /// <summary>A location relative to the repository root.</summary>
    public SourceLocation Where(FileLinePositionSpan span) =>
        new(Relative(span.Path), span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);

    /// <summary>A path relative to the repository root, with forward slashes.</summary>
    public string Relative(string path) =>
        (Path.IsPathRooted(path) ? Path.GetRelativePath(_repoRoot, path) : path).Replace('\\', '/');
}
