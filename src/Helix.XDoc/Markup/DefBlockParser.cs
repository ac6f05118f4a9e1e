using Markdig.Parsers;
using Markdig.Syntax;

namespace Helix.XDoc;

/// <summary>Parses a line that is exactly <c>@(def Symbol)</c> into a <see cref="DefBlock"/>.</summary>
internal sealed class DefBlockParser : BlockParser
{
    public DefBlockParser() { OpeningCharacters = ['@']; }

    public override bool CanInterrupt(BlockProcessor processor, Block block) => true;

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent) return BlockState.None;
        var line = processor.Line.ToString().Trim();
        if (!line.StartsWith("@(def ", StringComparison.Ordinal) || !line.EndsWith(')')) return BlockState.None;
        var symbol = line[6..^1].Trim();
        if (symbol.Length == 0 || symbol.Contains(")(", StringComparison.Ordinal)) return BlockState.None;
        processor.NewBlocks.Push(new DefBlock(this)
        {
            Symbol = symbol, Line = processor.LineIndex, Column = processor.Column,
            Span = new SourceSpan(processor.Start, processor.Line.End),
        });
        return BlockState.BreakDiscard;
    }
}
