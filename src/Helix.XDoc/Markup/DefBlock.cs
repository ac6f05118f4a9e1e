using Markdig.Parsers;
using Markdig.Syntax;

namespace Helix.XDoc;

/// <summary><c>@(def Symbol)</c> on a line of its own: the C# declaration of a type or member, from the source.</summary>
internal sealed class DefBlock(BlockParser parser) : LeafBlock(parser)
{
    /// <summary>The symbol: a full name or a unique dotted suffix (<c>SplitMix64.Next</c>).</summary>
    public string Symbol { get; init; } = "";
}
