using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Helix.XDoc;

/// <summary>What one topic's long text refers to and what is wrong in it, found by one walk over its syntax tree.</summary>
internal sealed class TopicAnalysis
{
    public List<TopicLink> Links { get; } = new();
    public List<Doctest> Doctests { get; } = new();
    public List<DocDiagnostic> Problems { get; } = new();

    static readonly HashSet<string> Known = ["see", "def", "call"];

    public static TopicAnalysis Analyze(Topic topic, MarkdownDocument doc, Func<string, string?> autoLink)
    {
        var a = new TopicAnalysis();
        SourceLocation At(int line, int column = 0) =>
            topic.LongLine > 0 ? new(topic.Location.File, topic.LongLine + line, column + 1) : topic.Location;

        foreach (var node in doc.Descendants())
        {
            switch (node)
            {
                case DirectiveInline d:
                    var where = At(d.Line, d.Column);
                    if (d.Error != null) a.Problems.Add(new(DiagnosticCodes.Malformed, true, where, $"malformed directive `{d.Raw}`: {d.Error}"));
                    else if (!Known.Contains(d.Name))
                        a.Problems.Add(new(DiagnosticCodes.UnknownDirective, true, where, $"unknown directive `@({d.Name} …)`: XDoc knows @(see Topic), @(def Symbol) and @(call Symbol)"));
                    else if (d.Name == "def")
                        a.Problems.Add(new(DiagnosticCodes.Malformed, true, where, "`@(def …)` must stand alone on its own line"));
                    else a.Links.Add(new(d.Argument, d.Name, where));
                    break;
                case DefBlock def:
                    a.Links.Add(new(def.Symbol, "def", At(def.Line, def.Column)));
                    break;
                case CodeInline code:
                    if (autoLink(code.Content) is { } target && target != topic.Name) a.Links.Add(new(target, "auto", At(code.Line, code.Column)));
                    break;
                case FencedCodeBlock f:
                    if (f.ClosingFencedCharCount == 0 && f.OpeningFencedCharCount > 0)
                        a.Problems.Add(new(DiagnosticCodes.Malformed, true, At(f.Line), "this code block is not closed: add a closing fence"));
                    if (IsDoctest(f))
                    {
                        string? expected = null;
                        if (f.Parent is ContainerBlock parent)
                        {
                            int i = parent.IndexOf(f);
                            if (i + 1 < parent.Count && parent[i + 1] is FencedCodeBlock next && next.Info == "output") expected = next.Lines.ToString();
                        }
                        a.Doctests.Add(new(topic.Name, f, f.Lines.ToString(), expected, At(f.Line + 1)));
                    }
                    break;
            }
        }
        return a;
    }

    static bool IsDoctest(FencedCodeBlock f) =>
        f.Info is "csharp" or "cs" or "c#" && (f.Arguments ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("run");
}
