using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Helix.XDoc;

/// <summary>
/// Writes the static site: <c>index.html</c> (the root topic), <c>topics.html</c> (A–Z), <c>search.html</c>,
/// <c>print.html</c> (the guide topics on one page), <c>t/*.html</c> (one page per topic), <c>data/names.js</c>
/// (jump-to index) and <c>data/s/*.js</c> (full-text shards). Everything loads by &lt;script&gt; tags, so the site works
/// from file:// with no server. The site is written into a sibling folder and swapped in at the end, so a failed
/// build never leaves half a site.
/// </summary>
internal static partial class SiteWriter
{
    public static SiteStats Write(XDocManual manual, string repoRoot, DocBuildOptions options, IProgress<DocProgress>? progress, CancellationToken cancel)
    {
        var outDir = Path.GetFullPath(options.OutputFolder!);
        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any() && !File.Exists(Path.Combine(outDir, "xdoc.js")))
            throw new IOException($"{outDir} is not empty and is not an XDoc site: choose another --out folder");
        var tmp = outDir.TrimEnd(Path.DirectorySeparatorChar) + ".xdoc-tmp";
        if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
        Directory.CreateDirectory(Path.Combine(tmp, "t"));
        Directory.CreateDirectory(Path.Combine(tmp, "data", "s"));
        long bytes = 0;
        int files = 0;
        void Put(string relative, string text)
        {
            var data = Encoding.UTF8.GetBytes(text);
            File.WriteAllBytes(Path.Combine(tmp, relative), data);
            Interlocked.Add(ref bytes, data.Length);
            Interlocked.Increment(ref files);
        }

        var topics = manual.Topics;
        var pages = PageNames.Assign(topics.Select(t => t.Name));
        // Topic numbers: rank by importance (then name), which is also the jump-to order.
        var ranked = topics.OrderByDescending(t => manual.Importance(t.Name)).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        var id = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ranked.Count; i++) id[ranked[i].Name] = i;

        string? SourceHref(SourceLocation where, string fromDir)
        {
            if (where.Line <= 0 || where.File.StartsWith('(')) return null;
            if (options.SourceLinkBase != null) return options.SourceLinkBase + where.File + "#L" + where.Line;
            var abs = Path.GetFullPath(Path.Combine(repoRoot, where.File));
            return Path.GetRelativePath(Path.Combine(outDir, fromDir), abs).Replace('\\', '/');
        }
        RenderContext Context(string prefix, string fromDir) => new()
        {
            Href = name => pages.TryGetValue(name, out var f) ? prefix + f : null,
            AutoLink = manual.AutoLink,
            SourceHref = w => SourceHref(w, fromDir),
            Api = manual.Api,
            DoctestOutputs = manual.DoctestOutputs,
        };

        var pageContext = Context("", "t");
        var texts = new ConcurrentBag<(int, string)>();
        var bodies = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        int done = 0;
        var parallel = new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = options.Threads > 0 ? options.Threads : -1 };
        Parallel.ForEach(topics, parallel, t =>
        {
            var body = XDocMarkdown.Render(manual.Docs[t.Name], pageContext);
            bodies[t.Name] = body;
            Put(Path.Combine("t", pages[t.Name]), TopicPage(manual, t, body, pages, "../", "", pageContext, options));
            texts.Add((id[t.Name], t.Name + " " + t.Short + " " + PlainText(body)));
            int n = Interlocked.Increment(ref done);
            if (n % 500 == 0) progress?.Report(new("writing pages", n, topics.Count));
        });

        // The root topic again as index.html, with links into t/.
        var root = manual.Find(manual.Root);
        var homeContext = Context("t/", "");
        if (root != null)
            Put("index.html", TopicPage(manual, root, XDocMarkdown.Render(manual.Docs[root.Name], homeContext), pages, "", "t/", homeContext, options));
        Put("topics.html", IndexPage(manual, ranked, pages, options));
        Put("search.html", Shell(options, "Search", "", "<h1>Search</h1><p id=\"status\">Type words in the search box.</p><ol id=\"results\"></ol>", "search"));
        Put("print.html", PrintPage(manual, pages, bodies, options));

        var names = new StringBuilder("XDOC.loadNames(\"");
        for (int i = 0; i < ranked.Count; i++)
        {
            var t = ranked[i];
            if (i > 0) names.Append("\\n");
            names.Append(Js(t.Name)).Append("\\t").Append(Js(pages[t.Name][..^5])).Append("\\t").Append(manual.Importance(t.Name)).Append("\\t").Append(Js(Trim(t.Short, 100)));
        }
        names.Append("\");\n");
        long namesBytes = Encoding.UTF8.GetByteCount(names.ToString());
        Put(Path.Combine("data", "names.js"), names.ToString());
        long searchBytes = 0;
        foreach (var (key, js) in SearchIndex.Build(texts.ToList()))
        {
            searchBytes += Encoding.UTF8.GetByteCount(js);
            Put(Path.Combine("data", "s", key + ".js"), js);
        }
        Put("xdoc.js", Asset("xdoc.js"));
        Put("xdoc.css", Asset("xdoc.css"));

        // Swap the new site in.
        var old = outDir.TrimEnd(Path.DirectorySeparatorChar) + ".xdoc-old";
        if (Directory.Exists(old)) Directory.Delete(old, true);
        if (Directory.Exists(outDir)) Directory.Move(outDir, old);
        Directory.Move(tmp, outDir);
        if (Directory.Exists(old)) Directory.Delete(old, true);
        return new SiteStats(files, bytes, namesBytes, searchBytes);
    }

    static string Trim(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";

    static string Js(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
            switch (ch)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': case '\t': case '\r': sb.Append(' '); break;
                case '<': sb.Append("\\u003c"); break;
                default: sb.Append(ch); break;
            }
        return sb.ToString();
    }

    static string H(string s) => WebUtility.HtmlEncode(s);

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    static string PlainText(string html) => WebUtility.HtmlDecode(Tags().Replace(html, " "));

    static string Asset(string name)
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("Helix.XDoc.Assets." + name)
                      ?? throw new InvalidOperationException($"missing asset {name}");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    static string Shell(DocBuildOptions options, string title, string up, string main, string page, string head = "") =>
        $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">{head}
        <title>{H(title)} — {H(options.Title)}</title><link rel="stylesheet" href="{up}xdoc.css"></head>
        <body data-root="{up}" data-page="{page}">
        <header><a class="home" href="{up}index.html">{H(options.Title)}</a>
        <div class="jump"><input id="jump" type="text" placeholder="Jump to a topic…" autocomplete="off" aria-label="Jump to a topic"><ul id="suggest" role="listbox"></ul></div>
        <form class="search" action="{up}search.html" method="get"><input id="q" name="q" type="search" placeholder="Search the text…" aria-label="Search"></form>
        <nav class="links"><a href="{up}topics.html">Index</a> <a href="{up}print.html">Print</a></nav></header>
        <main>
        {main}
        </main>
        <script src="{up}xdoc.js"></script>
        </body></html>
        """;

    static string Link(string name, Dictionary<string, string> pages, string prefix) =>
        $"<a href=\"{prefix}{H(pages[name])}\">{H(name)}</a>";

    static string TopicPage(XDocManual manual, Topic t, string body, Dictionary<string, string> pages, string up, string prefix, RenderContext ctx, DocBuildOptions options)
    {
        var sb = new StringBuilder();
        var crumbs = manual.Breadcrumbs(t.Name);
        if (crumbs.Count > 0)
        {
            sb.Append("<nav class=\"crumbs\">");
            foreach (var chain in crumbs)
            {
                sb.Append("<div class=\"crumb\">");
                for (int i = 0; i < chain.Count - 1; i++) sb.Append(Link(chain[i], pages, prefix)).Append(" <span class=\"sep\">›</span> ");
                sb.Append("<span>").Append(H(t.Name)).Append("</span></div>");
            }
            sb.Append("</nav>\n");
        }
        sb.Append("<h1>").Append(H(t.Name)).Append("</h1>\n<p class=\"short\">").Append(H(t.Short)).Append("</p>\n");
        sb.Append("<div class=\"long\">").Append(body).Append("</div>\n");
        var children = manual.Children(t.Name);
        if (children.Count > 0)
        {
            sb.Append("<section class=\"children\"><h2>Subtopics</h2><ul>");
            foreach (var c in children.OrderByDescending(c => manual.Find(c)!.Kind == TopicKind.File).ThenBy(c => c, StringComparer.Ordinal))
                sb.Append("<li>").Append(Link(c, pages, prefix)).Append(" — ").Append(H(manual.Find(c)!.Short)).Append("</li>");
            sb.Append("</ul></section>\n");
        }
        if (t.Parents.Count > 0)
        {
            sb.Append("<section class=\"parents\"><h2>Parents</h2><ul>");
            foreach (var p in t.Parents) sb.Append("<li>").Append(Link(p, pages, prefix)).Append("</li>");
            sb.Append("</ul></section>\n");
        }
        if (t.Source is { } src && ctx.SourceHref(src) is { } href)
            sb.Append("<p class=\"source\">Source: <a href=\"").Append(H(href)).Append("\">").Append(H(src.ToString())).Append("</a></p>\n");
        return Shell(options, t.Name, up, sb.ToString(), "topic");
    }

    static string IndexPage(XDocManual manual, List<Topic> ranked, Dictionary<string, string> pages, DocBuildOptions options)
    {
        var sb = new StringBuilder("<h1>Index</h1>\n");
        sb.Append($"<p>{manual.Topics.Count} topics, A–Z. The jump-to box ranks them by importance (how many topics lead to each).</p>\n");
        foreach (var group in manual.Topics.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).GroupBy(t => char.ToUpperInvariant(t.Name[0])))
        {
            sb.Append("<h2>").Append(H(group.Key.ToString())).Append("</h2><ul class=\"index\">");
            foreach (var t in group) sb.Append("<li>").Append(Link(t.Name, pages, "t/")).Append(" — ").Append(H(t.Short)).Append("</li>");
            sb.Append("</ul>\n");
        }
        _ = ranked;
        return Shell(options, "Index", "", sb.ToString(), "index");
    }

    static string PrintPage(XDocManual manual, Dictionary<string, string> pages, IReadOnlyDictionary<string, string> bodies, DocBuildOptions options)
    {
        // Depth-first from the root, each topic once; API members stay on their own pages. The bodies were rendered
        // for t/, so the page resolves links from there (<base href="t/">).
        var sb = new StringBuilder($"<h1>{H(options.Title)}</h1>\n");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(manual.Root);
        while (stack.Count > 0)
        {
            var name = stack.Pop();
            var t = manual.Find(name);
            if (t == null || !seen.Add(name) || t.Kind == TopicKind.Member) continue;
            sb.Append("<section class=\"print-topic\" id=\"").Append(H(pages[name])).Append("\"><h2>").Append(Link(name, pages, "")).Append("</h2>");
            sb.Append("<p class=\"short\">").Append(H(t.Short)).Append("</p>");
            sb.Append(bodies[name]).Append("</section>\n");
            foreach (var c in manual.Children(name).Reverse()) stack.Push(c);
        }
        return Shell(options, "Printable manual", "../", sb.ToString(), "print", "<base href=\"t/\">");
    }
}
