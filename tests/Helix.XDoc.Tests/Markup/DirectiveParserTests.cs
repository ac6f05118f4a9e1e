using Markdig.Syntax;

namespace Helix.XDoc.Tests;

public class DirectiveParserTests
{
    static List<DirectiveInline> Inlines(string md) => XDocMarkdown.Parse(md).Descendants<DirectiveInline>().ToList();

    [Fact]
    public void See_with_and_without_a_label()
    {
        var d = Inlines("Read @(see Helix.Core) and @(see helix aig stats|the stats command).");
        Assert.Equal(2, d.Count);
        Assert.Equal(("see", "Helix.Core", (string?)null, (string?)null), (d[0].Name, d[0].Argument, d[0].Label, d[0].Error));
        Assert.Equal(("see", "helix aig stats", "the stats command"), (d[1].Name, d[1].Argument, d[1].Label));
    }

    [Fact]
    public void Call_keeps_balanced_parentheses_in_its_argument()
    {
        var d = Assert.Single(Inlines("Use @(call Foo.Bar(int, (long, long))) here."));
        Assert.Equal("Foo.Bar(int, (long, long))", d.Argument);
        Assert.Null(d.Error);
    }

    [Fact]
    public void Unclosed_empty_and_nameless_directives_are_malformed()
    {
        Assert.Contains("not closed", Assert.Single(Inlines("oops @(see Foo and more")).Error);
        Assert.Contains("needs an argument", Assert.Single(Inlines("x @(see ) y")).Error);
        Assert.Contains("directive name", Assert.Single(Inlines("x @(Foo) y")).Error);
    }

    [Fact]
    public void Escaped_at_signs_code_spans_and_code_blocks_are_not_directives()
    {
        Assert.Empty(Inlines("mail \\@(see Foo) and `@(see Foo)`\n\n```\n@(see Foo)\n```\n"));
    }

    [Fact]
    public void Def_on_its_own_line_is_a_block_and_keeps_its_line()
    {
        var doc = XDocMarkdown.Parse("Intro.\n\n@(def SplitMix64.Next)\n\nAfter.");
        var def = Assert.Single(doc.Descendants<DefBlock>());
        Assert.Equal("SplitMix64.Next", def.Symbol);
        Assert.Equal(2, def.Line);
    }

    [Fact]
    public void Directive_lines_are_reported_relative_to_the_body()
    {
        var d = Assert.Single(Inlines("one\n\nthree @(see X)"));
        Assert.Equal(2, d.Line);
        Assert.Equal(6, d.Column);
    }
}
