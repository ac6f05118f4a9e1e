using System.Text;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Helix.XDoc;

/// <summary>
/// Topics from the C# XML documentation of every public type and member of the given projects, compiled from source
/// with Roslyn. A type's parents are its namespace (and its declaring type when nested); a member's parent is its
/// declaring type; all overloads of a member share one topic.
/// </summary>
internal static class ApiSource
{
    public static ApiModel Load(IReadOnlyList<string> projectDirs, string repoRoot, string apiParent, ISet<string> fileTopicNames,
                                List<DocDiagnostic> diagnostics, CancellationToken cancel)
    {
        var model = new ApiModel(repoRoot);
        var compilations = ProjectCompiler.Compile(projectDirs, cancel);
        var types = new List<INamedTypeSymbol>();
        foreach (var (_, c) in compilations)
            foreach (var t in AllTypes(c.Assembly.GlobalNamespace))
                if (t.Locations.Any(l => l.IsInSource && !l.SourceTree!.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))) types.Add(t);

        // 1. Names: every declared type and member (internal ones too, for @(def)); public ones become topics.
        var memberGroups = new List<(INamedTypeSymbol Owner, string Name, List<ISymbol> Symbols)>();
        foreach (var t in types)
        {
            var typeName = t.ToDisplayString(ApiSymbolFormats.Name);
            bool typePublic = IsVisible(t);
            model.Add(new ApiEntry(typeName, [t], typePublic));
            if (typePublic) model.TopicByDocId[t.GetDocumentationCommentId()!] = typeName;
            foreach (var g in t.GetMembers().Where(IsMember).GroupBy(MemberName))
            {
                var list = g.ToList();
                var name = typeName + "." + g.Key;
                bool pub = typePublic && list.Any(IsVisible);
                model.Add(new ApiEntry(name, list, pub));
                if (!pub) continue;
                foreach (var s in list.Where(IsVisible)) model.TopicByDocId[s.GetDocumentationCommentId()!] = name;
                memberGroups.Add((t, g.Key, list.Where(IsVisible).ToList()));
            }
        }
        var simple = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var t in types.Where(IsVisible))
        {
            if (!simple.TryGetValue(t.Name, out var l)) simple[t.Name] = l = new();
            l.Add(t.ToDisplayString(ApiSymbolFormats.Name));
        }
        foreach (var (k, v) in simple) if (v.Count == 1) model.TypeBySimpleName[k] = v[0];

        // 2. Topics.
        var md = new DocCommentMarkdown(cref => model.TopicByDocId.GetValueOrDefault(cref));
        var namespaces = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var t in types.Where(IsVisible))
        {
            cancel.ThrowIfCancellationRequested();
            var ns = t.ContainingNamespace.ToDisplayString();
            namespaces.Add(ns);
            var parents = new List<string> { ns };
            if (t.ContainingType != null) parents.Add(t.ContainingType.ToDisplayString(ApiSymbolFormats.Name));
            model.Topics.Add(TypeTopic(model, md, t, parents, diagnostics));
        }
        foreach (var (owner, name, symbols) in memberGroups)
        {
            cancel.ThrowIfCancellationRequested();
            model.Topics.Add(MemberTopic(model, md, owner, name, symbols, diagnostics));
        }
        // Namespaces without a topic file get a generated topic under the enclosing namespace (or the API parent).
        var all = new HashSet<string>(namespaces, StringComparer.Ordinal);
        foreach (var ns in namespaces.ToList())
            for (var p = Enclosing(ns); p != null; p = Enclosing(p)) all.Add(p);
        foreach (var ns in all.Order(StringComparer.Ordinal))
        {
            if (fileTopicNames.Contains(ns)) continue;
            var parent = Enclosing(ns) ?? apiParent;
            if (parent == ns) continue;
            model.Topics.Add(new Topic
            {
                Name = ns, Parents = [parent], Short = $"The {ns} namespace.", Long = "", Kind = TopicKind.Namespace,
                Location = new("(namespace)", 0),
            });
        }
        return model;
    }

    static string? Enclosing(string ns)
    {
        int dot = ns.LastIndexOf('.');
        return dot < 0 ? null : ns[..dot];
    }

    static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var t in ns.GetTypeMembers())
            foreach (var x in WithNested(t)) yield return x;
        foreach (var child in ns.GetNamespaceMembers())
            foreach (var x in AllTypes(child)) yield return x;
    }

    static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol t)
    {
        yield return t;
        foreach (var n in t.GetTypeMembers())
            foreach (var x in WithNested(n)) yield return x;
    }

    static bool IsVisible(ISymbol s)
    {
        for (var x = s; x != null && x is not INamespaceSymbol; x = x.ContainingSymbol)
            if (x.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal)) return false;
        return true;
    }

    static bool IsMember(ISymbol s) => !s.IsImplicitlyDeclared && s switch
    {
        IMethodSymbol m => m.MethodKind is MethodKind.Ordinary or MethodKind.Constructor or MethodKind.UserDefinedOperator or MethodKind.Conversion,
        IPropertySymbol or IEventSymbol => true,
        IFieldSymbol f => f.ContainingType.TypeKind != TypeKind.Enum && f.Locations.Any(l => l.IsInSource),
        _ => false,
    } && s.Locations.Any(l => l.IsInSource);

    static string MemberName(ISymbol s) => s switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } m => m.ContainingType.Name,
        IPropertySymbol { IsIndexer: true } => "this[]",
        _ => s.Name,
    };

    static XElement? DocXml(ISymbol s, ApiModel model, List<DocDiagnostic> diagnostics)
    {
        var xml = s.GetDocumentationCommentXml(expandIncludes: true);
        if (string.IsNullOrWhiteSpace(xml))
        {
            // A record's positional property is documented by the <param> of its record.
            if (s is IPropertySymbol p && p.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is ParameterSyntax
                && p.ContainingType.GetDocumentationCommentXml() is { Length: > 0 } typeXml)
            {
                var param = Parse(typeXml)?.Elements("param").FirstOrDefault(e => (string?)e.Attribute("name") == p.Name);
                if (param != null) return new XElement("member", new XElement("summary", param.Nodes()));
                // The compiler asks no separate documentation of a positional property: point to the record's.
                return new XElement("member", new XElement("summary", $"A positional property of the record {p.ContainingType.Name}."));
            }
            return null;
        }
        if (xml.Contains("Badly formed XML", StringComparison.Ordinal))
        {
            diagnostics.Add(new(DiagnosticCodes.Malformed, true, Loc(s, model), $"badly formed XML documentation on `{s.ToDisplayString()}`"));
            return null;
        }
        return Parse(xml);
    }

    static XElement? Parse(string xml)
    {
        try { return XElement.Parse(xml, LoadOptions.PreserveWhitespace); }
        catch (System.Xml.XmlException) { return null; }
    }

    static SourceLocation Loc(ISymbol s, ApiModel model)
    {
        var l = s.Locations.FirstOrDefault(x => x.IsInSource);
        return l == null ? new("(metadata)", 0) : model.Where(l.GetLineSpan());
    }

    static bool HasSummary(XElement? doc) =>
        doc != null && (doc.Element("summary")?.Value.Trim().Length > 0 || doc.Element("inheritdoc") != null);

    static void ReportUndocumented(ISymbol s, XElement? doc, ApiModel model, List<DocDiagnostic> diagnostics)
    {
        if (!HasSummary(doc))
            diagnostics.Add(new(DiagnosticCodes.Undocumented, true, Loc(s, model), $"public `{s.ToDisplayString()}` has no XML documentation (<summary>)"));
    }

    static string FirstSentence(string plain)
    {
        plain = plain.Trim();
        int i = 0;
        while (true)
        {
            i = plain.IndexOf(". ", i, StringComparison.Ordinal);
            if (i < 0) return plain;
            // Skip "e.g. " and "i.e. " style abbreviations.
            if (i >= 3 && plain[i - 2] == '.') { i += 2; continue; }
            return plain[..(i + 1)];
        }
    }

    static Topic TypeTopic(ApiModel model, DocCommentMarkdown md, INamedTypeSymbol t, List<string> parents, List<DocDiagnostic> diagnostics)
    {
        var doc = DocXml(t, model, diagnostics);
        ReportUndocumented(t, doc, model, diagnostics);
        var sb = new StringBuilder();
        sb.Append("```csharp\n").Append(t.ToDisplayString(ApiSymbolFormats.Signature)).Append("\n```\n\n");
        AppendDoc(sb, md, doc, t);
        if (t.TypeKind == TypeKind.Enum)
        {
            sb.Append("\n**Values**\n\n");
            foreach (var f in t.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue))
            {
                var fd = DocXml(f, model, diagnostics);
                ReportUndocumented(f, fd, model, diagnostics);
                sb.Append($"- `{f.Name}` = {f.ConstantValue}: {md.Convert(fd?.Element("summary")).Replace('\n', ' ')}\n");
            }
        }
        var loc = Loc(t, model);
        return new Topic
        {
            Name = t.ToDisplayString(ApiSymbolFormats.Name), Parents = parents,
            Short = Short(md, doc, $"The {t.Name} {Kind(t)}."),
            Long = sb.ToString(), Kind = TopicKind.Type, Location = loc, Source = loc,
        };
    }

    static string Kind(INamedTypeSymbol t) => t.IsRecord ? "record" : t.TypeKind.ToString().ToLowerInvariant();

    static string Short(DocCommentMarkdown md, XElement? doc, string fallback)
    {
        var s = FirstSentence(md.Convert(doc?.Element("summary"), plain: true));
        return s.Length > 0 ? s : fallback;
    }

    static Topic MemberTopic(ApiModel model, DocCommentMarkdown md, INamedTypeSymbol owner, string name, List<ISymbol> symbols, List<DocDiagnostic> diagnostics)
    {
        var sb = new StringBuilder();
        string? shortText = null;
        foreach (var s in symbols)
        {
            var doc = DocXml(s, model, diagnostics);
            ReportUndocumented(s, doc, model, diagnostics);
            if (symbols.Count > 1) sb.Append("### ").Append(DocCommentMarkdown.Escape(s.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat))).Append("\n\n");
            sb.Append("```csharp\n").Append(s.ToDisplayString(ApiSymbolFormats.Signature)).Append("\n```\n\n");
            AppendDoc(sb, md, doc, s);
            shortText ??= doc == null ? null : Short(md, doc, "");
            if (shortText?.Length == 0) shortText = null;
        }
        var loc = Loc(symbols[0], model);
        var typeName = owner.ToDisplayString(ApiSymbolFormats.Name);
        return new Topic
        {
            Name = typeName + "." + name, Parents = [typeName],
            Short = shortText ?? $"{owner.Name}.{name}.", Long = sb.ToString(), Kind = TopicKind.Member, Location = loc, Source = loc,
        };
    }

    static void AppendDoc(StringBuilder sb, DocCommentMarkdown md, XElement? doc, ISymbol s)
    {
        if (doc == null) { sb.Append("*Not documented.*\n\n"); return; }
        if (doc.Element("inheritdoc") != null && doc.Element("summary") == null) sb.Append("*Documentation inherited from the base or interface member.*\n\n");
        Section(sb, null, md.Convert(doc.Element("summary")));
        var pars = doc.Elements("typeparam").Concat(doc.Elements("param")).ToList();
        if (pars.Count > 0)
        {
            sb.Append("**Parameters**\n\n");
            foreach (var p in pars) sb.Append($"- `{(string?)p.Attribute("name")}`: {md.Convert(p).Replace("\n\n", " ").Replace('\n', ' ')}\n");
            sb.Append('\n');
        }
        Section(sb, "Returns", md.Convert(doc.Element("returns")));
        Section(sb, "Value", md.Convert(doc.Element("value")));
        foreach (var ex in doc.Elements("exception"))
        {
            var cref = (string?)ex.Attribute("cref") ?? "";
            sb.Append($"**Throws** `{DocCommentMarkdown.DisplayName(cref)}`: {md.Convert(ex).Replace('\n', ' ')}\n\n");
        }
        Section(sb, "Remarks", md.Convert(doc.Element("remarks")));
        foreach (var e in doc.Elements("example")) Section(sb, "Example", md.Convert(e));
        var also = doc.Elements("seealso").ToList();
        if (also.Count > 0)
        {
            sb.Append("**See also** ");
            sb.Append(string.Join(", ", also.Select(a => md.Convert(new XElement("x", a)))));
            sb.Append("\n\n");
        }
        _ = s;
    }

    static void Section(StringBuilder sb, string? title, string text)
    {
        if (text.Length == 0) return;
        if (title != null) sb.Append("**").Append(title).Append("**\n\n");
        sb.Append(text).Append("\n\n");
    }
}
