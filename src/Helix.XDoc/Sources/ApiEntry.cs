using Microsoft.CodeAnalysis;

namespace Helix.XDoc;

/// <summary>One named thing in the source (a type, or every overload of a member): its symbols and its topic name.</summary>
/// <param name="Name">The namespace-qualified name, also the topic name when <paramref name="IsPublic"/>.</param>
/// <param name="Symbols">The symbols (overloads) under this name.</param>
/// <param name="IsPublic">Whether it is part of the public API (and so a topic).</param>
internal sealed record ApiEntry(string Name, List<ISymbol> Symbols, bool IsPublic);
