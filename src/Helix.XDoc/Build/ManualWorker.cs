using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Markdig.Syntax;

namespace Helix.XDoc;

/// <summary>The work behind <see cref="DocBuilder.Run"/>: read, analyse, check, run doctests, write.</summary>
internal sealed partial class ManualWorker(DocSources sources, DocBuildOptions options, IProgress<DocProgress>? progress, CancellationToken cancel)
{
    readonly List<DocDiagnostic> _diagnostics = new();

    public DocBuildResult Run()
    {
        var total = Stopwatch.StartNew();
        var parallel = new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = options.Threads > 0 ? options.Threads : -1 };

        // 1. Read.
        progress?.Report(new("reading topics", 0, 0));
        var fileTopics = sources.TopicFolder == null ? new List<Topic>()
            : TopicFileReader.ReadFolder(sources.TopicFolder, sources.RepositoryRoot, _diagnostics);
        var fileNames = fileTopics.Select(t => t.Name).Concat(sources.ExtraTopics.Select(t => t.Name)).ToHashSet(StringComparer.Ordinal);
        ApiModel? api = null;
        if (sources.ProjectFolders.Count > 0)
        {
            progress?.Report(new("reading the C# API", 0, sources.ProjectFolders.Count));
            api = ApiSource.Load(sources.ProjectFolders, sources.RepositoryRoot, sources.ApiParent, fileNames, _diagnostics, cancel);
        }
        var commandTopics = sources.Commands == null ? new List<Topic>() : CommandSource.Load(sources.Commands, sources.CommandsParent);
        var all = fileTopics.Concat(sources.ExtraTopics).Concat(api?.Topics ?? []).Concat(commandTopics);

        // 2. The graph.
        var topics = GraphChecks.Deduplicate(all, _diagnostics);
        topics = GraphChecks.CheckParents(topics, options.Root, options.AllowOrphans, _diagnostics);
        GraphChecks.CheckCycles(topics, _diagnostics);
        var names = topics.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        // 3. Parse and analyse every long text.
        Func<string, string?> autoLink = content => AutoLinkTarget(content, api, names);
        var docs = new ConcurrentDictionary<string, MarkdownDocument>(StringComparer.Ordinal);
        var analyses = new ConcurrentDictionary<string, TopicAnalysis>(StringComparer.Ordinal);
        int parsed = 0;
        Parallel.ForEach(topics, parallel, t =>
        {
            var doc = XDocMarkdown.Parse(t.Long);
            docs[t.Name] = doc;
            analyses[t.Name] = TopicAnalysis.Analyze(t, doc, autoLink);
            int n = Interlocked.Increment(ref parsed);
            if (n % 1000 == 0) progress?.Report(new("parsing", n, topics.Count));
        });
        var docMap = new Dictionary<string, MarkdownDocument>(docs, StringComparer.Ordinal);
        var analysisMap = new Dictionary<string, TopicAnalysis>(analyses, StringComparer.Ordinal);
        var manual = new XDocManual(options.Root, topics, docMap, analysisMap, api, autoLink);
        var loadTime = total.Elapsed;

        // 4. Link and directive checks, in topic order.
        int links = 0;
        var broken = new List<DocDiagnostic>();
        foreach (var t in topics)
        {
            var a = analysisMap[t.Name];
            _diagnostics.AddRange(a.Problems);
            foreach (var l in a.Links)
            {
                links++;
                if (l.Kind is "see")
                {
                    if (!names.Contains(l.Target)) broken.Add(new(DiagnosticCodes.BrokenLink, true, l.Where, $"broken link: no topic `{l.Target}`"));
                }
                else if (l.Kind is "def" or "call")
                {
                    if (api == null) _diagnostics.Add(new(DiagnosticCodes.UnresolvedDef, true, l.Where, $"`@({l.Kind} {l.Target})` needs C# sources, and none were given"));
                    else if (api.Resolve(l.Target, out var why) == null) _diagnostics.Add(new(DiagnosticCodes.UnresolvedDef, true, l.Where, $"unresolved `@({l.Kind} {l.Target})`: {why}"));
                }
            }
        }
        broken = broken.Distinct().ToList();
        bool tooManyBroken = broken.Count > options.BrokenLinksLimit;
        _diagnostics.AddRange(broken.Select(b => b with { IsError = tooManyBroken }));
        var undocumented = _diagnostics.Where(d => d.Code == DiagnosticCodes.Undocumented).ToList();
        if (undocumented.Count <= options.UndocumentedLimit)
        {
            _diagnostics.RemoveAll(d => d.Code == DiagnosticCodes.Undocumented);
            _diagnostics.AddRange(undocumented.Select(d => d with { IsError = false }));
        }

        // 5. Doctests.
        var doctestClock = Stopwatch.StartNew();
        var doctests = topics.SelectMany(t => analysisMap[t.Name].Doctests).ToList();
        if (options.RunDoctests && doctests.Count > 0)
        {
            progress?.Report(new("doctests", 0, doctests.Count));
            manual.DoctestOutputs = DoctestRunner.Run(doctests, options.DoctestReferences, options.DoctestTimeout, _diagnostics, cancel);
        }
        var doctestTime = doctestClock.Elapsed;

        // 6. The site.
        var writeClock = Stopwatch.StartNew();
        SiteStats site = default;
        bool ok = _diagnostics.All(d => !d.IsError);
        if (options.OutputFolder != null && ok)
            site = SiteWriter.Write(manual, sources.RepositoryRoot, options, progress, cancel);
        var stats = new DocBuildStats
        {
            Topics = topics.Count,
            FileTopics = topics.Count(t => t.Kind == TopicKind.File),
            ApiTopics = topics.Count(t => t.Kind is TopicKind.Namespace or TopicKind.Type or TopicKind.Member),
            CommandTopics = topics.Count(t => t.Kind == TopicKind.Command),
            Links = links, BrokenLinks = broken.Count, Undocumented = undocumented.Count, Doctests = options.RunDoctests ? doctests.Count : 0,
            FilesWritten = site.Files, BytesWritten = site.Bytes, NamesIndexBytes = site.NamesBytes, SearchIndexBytes = site.SearchBytes,
            LoadTime = loadTime, DoctestTime = doctestTime, WriteTime = writeClock.Elapsed, TotalTime = total.Elapsed,
        };
        var ordered = _diagnostics.Distinct().OrderBy(d => d.Location.File, StringComparer.Ordinal).ThenBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ToList();
        return new DocBuildResult(manual, ordered, stats);
    }

    [GeneratedRegex(@"^(?:[A-Za-z_][A-Za-z0-9_]*)(?:\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex DottedName();

    /// <summary>The documented type (or member of one) that a code span names: <c>SplitMix64</c>, <c>SplitMix64.Next()</c>,
    /// <c>Trainer&lt;TBatch&gt;</c>, or a full topic name.</summary>
    internal static string? AutoLinkTarget(string content, ApiModel? api, HashSet<string> names)
    {
        if (api == null || content.Length == 0 || content.Length > 120) return null;
        var s = content.Trim();
        if (s.EndsWith("()", StringComparison.Ordinal)) s = s[..^2];
        int lt = s.IndexOf('<');
        if (lt > 0 && s.EndsWith('>')) s = s[..lt];
        if (!DottedName().IsMatch(s)) return null;
        var parts = s.Split('.');
        if (api.TypeBySimpleName.TryGetValue(parts[0], out var type))
        {
            if (parts.Length == 1) return names.Contains(type) ? type : null;
            var member = type + "." + string.Join('.', parts.Skip(1));
            return names.Contains(member) ? member : null;
        }
        if (parts.Length > 1 && api.Resolve(s, out _) is { IsPublic: true } e && e.Symbols[0] is Microsoft.CodeAnalysis.INamedTypeSymbol or Microsoft.CodeAnalysis.ISymbol { ContainingType: not null }
            && s.Contains('.') && names.Contains(e.Name) && (e.Name == s || e.Name.EndsWith("." + s, StringComparison.Ordinal)) && parts.Length >= 2 && char.IsUpper(parts[0][0]))
            return e.Name;
        return null;
    }
}
