namespace Helix.XDoc;

/// <summary>A reference from one topic to a name: a <c>@(see)</c>, a cref, a <c>@(call)</c>, a <c>@(def)</c> or an auto-link.</summary>
/// <param name="Target">The topic or symbol named.</param>
/// <param name="Kind">see, call, def or auto.</param>
/// <param name="Where">Where the reference is written.</param>
internal readonly record struct TopicLink(string Target, string Kind, SourceLocation Where);
