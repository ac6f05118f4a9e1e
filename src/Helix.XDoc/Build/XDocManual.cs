using Markdig.Syntax;

namespace Helix.XDoc;

/// <summary>
/// A built manual: the topics (a DAG under one root), their children, the links between them and each topic's
/// importance (the number of topics that lead to it: its parents and every topic that links to it).
/// </summary>
public sealed class XDocManual
{
    readonly Dictionary<string, Topic> _byName;
    readonly Dictionary<string, List<string>> _children;
    readonly Dictionary<string, List<string>> _linksFrom;
    readonly Dictionary<string, int> _importance;

    internal XDocManual(string root, List<Topic> topics, Dictionary<string, MarkdownDocument> docs, Dictionary<string, TopicAnalysis> analyses,
                        ApiModel? api, Func<string, string?> autoLink)
    {
        Root = root;
        Topics = topics;
        Docs = docs;
        Api = api;
        AutoLink = autoLink;
        _byName = topics.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _children = topics.ToDictionary(t => t.Name, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var t in topics)
            foreach (var p in t.Parents)
                if (_children.TryGetValue(p, out var list)) list.Add(t.Name);
        foreach (var list in _children.Values) list.Sort(StringComparer.Ordinal);
        _linksFrom = new(StringComparer.Ordinal);
        var leadsTo = topics.ToDictionary(t => t.Name, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var t in topics)
        {
            foreach (var p in t.Parents) leadsTo[t.Name].Add(p);
            var targets = new List<string>();
            if (analyses.TryGetValue(t.Name, out var a))
                foreach (var l in a.Links)
                {
                    var target = ResolveLink(l);
                    if (target == null || target == t.Name) continue;
                    if (!targets.Contains(target)) targets.Add(target);
                    leadsTo[target].Add(t.Name);
                }
            _linksFrom[t.Name] = targets;
        }
        _importance = leadsTo.ToDictionary(kv => kv.Key, kv => kv.Value.Count, StringComparer.Ordinal);
    }

    /// <summary>The root topic's name.</summary>
    public string Root { get; }

    /// <summary>Every topic, in the order they were read.</summary>
    public IReadOnlyList<Topic> Topics { get; }

    internal Dictionary<string, MarkdownDocument> Docs { get; }
    internal ApiModel? Api { get; }
    internal Func<string, string?> AutoLink { get; }
    internal IReadOnlyDictionary<FencedCodeBlock, string> DoctestOutputs { get; set; } = new Dictionary<FencedCodeBlock, string>();

    /// <summary>The topic named <paramref name="name"/>, or null.</summary>
    public Topic? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The topics whose parents include <paramref name="name"/>, by name.</summary>
    public IReadOnlyList<string> Children(string name) => _children.TryGetValue(name, out var c) ? c : [];

    /// <summary>The topics <paramref name="name"/> links to (see, cref, call, def, auto-links), in order of first mention.</summary>
    public IReadOnlyList<string> LinksFrom(string name) => _linksFrom.TryGetValue(name, out var l) ? l : [];

    /// <summary>The number of topics that lead to <paramref name="name"/>: its parents and the topics that link to it.</summary>
    public int Importance(string name) => _importance.GetValueOrDefault(name);

    /// <summary>The topic a link names, or null when it names none.</summary>
    internal string? ResolveLink(TopicLink l) => l.Kind switch
    {
        "see" or "auto" => _byName.ContainsKey(l.Target) ? l.Target : null,
        _ => Api?.Resolve(l.Target, out _) is { IsPublic: true } e && _byName.ContainsKey(e.Name) ? e.Name : null,
    };

    /// <summary>Topic names by first-parent chains from <paramref name="name"/> up to the root, one chain per parent.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Breadcrumbs(string name)
    {
        var t = Find(name);
        if (t == null) return [];
        var result = new List<IReadOnlyList<string>>();
        foreach (var p in t.Parents)
        {
            var chain = new List<string> { name };
            var seen = new HashSet<string>(StringComparer.Ordinal) { name };
            for (var x = p; x != null && seen.Add(x); x = Find(x)?.Parents.FirstOrDefault()) chain.Add(x);
            chain.Reverse();
            result.Add(chain);
        }
        return result;
    }
}
