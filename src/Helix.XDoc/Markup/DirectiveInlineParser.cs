using Markdig.Helpers;
using Markdig.Parsers;

namespace Helix.XDoc;

/// <summary>Parses <c>@(name argument)</c> inside a paragraph. The argument runs to the matching <c>)</c> on the same
/// line (parentheses inside it must balance); <c>\@</c> writes a plain <c>@</c>.</summary>
internal sealed class DirectiveInlineParser : InlineParser
{
    public DirectiveInlineParser() { OpeningCharacters = ['@']; }

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (slice.PeekChar() != '(') return false;
        int start = slice.Start;
        var text = slice.Text;
        int i = start + 2, end = slice.End;
        int nameStart = i;
        while (i <= end && (char.IsAsciiLetterLower(text[i]) || text[i] == '-')) i++;
        var name = text[nameStart..i];
        string? error = null;
        int depth = 1;
        while (i <= end && text[i] is ' ' or '\t') i++;
        int argStart = i;
        int close = -1;
        for (int j = i; j <= end && text[j] != '\n'; j++)
        {
            if (text[j] == '(') depth++;
            else if (text[j] == ')' && --depth == 0) { close = j; break; }
        }
        string argument = "";
        int stop;
        if (name.Length == 0)
        {
            // "@(" not followed by a lowercase name: an e-mail-ish "@(" is rare; treat as malformed to be safe.
            error = "expected a directive name after `@(`, e.g. `@(see Topic)`";
            stop = close >= 0 ? close : LineEnd(text, start, end);
        }
        else if (close < 0)
        {
            error = $"`@({name}` is not closed: add `)` on the same line";
            stop = LineEnd(text, start, end);
        }
        else
        {
            if (argStart == nameStart + name.Length && argStart < close) error = $"expected a space after `@({name}`";
            argument = text[argStart..close].Trim();
            if (argument.Length == 0) error ??= $"`@({name})` needs an argument";
            stop = close;
        }
        string? label = null;
        int bar = argument.IndexOf('|');
        if (bar >= 0) { label = argument[(bar + 1)..].Trim(); argument = argument[..bar].Trim(); }
        var raw = text[start..(stop + 1)];
        processor.GetSourcePosition(start, out int line, out int column);
        processor.Inline = new DirectiveInline
        {
            Name = name, Argument = argument, Label = label, Error = error, Raw = raw,
            Span = new Markdig.Syntax.SourceSpan(processor.GetSourcePosition(start), processor.GetSourcePosition(stop)),
            Line = line, Column = column,
        };
        slice.Start = stop + 1;
        return true;
    }

    static int LineEnd(string text, int start, int end)
    {
        int nl = text.IndexOf('\n', start);
        return nl < 0 || nl > end ? end : nl - 1;
    }
}
