namespace Helix.XDoc;

/// <summary>What the site writer wrote.</summary>
/// <param name="Files">Files written.</param>
/// <param name="Bytes">Bytes written.</param>
/// <param name="NamesBytes">Bytes of the jump-to index.</param>
/// <param name="SearchBytes">Bytes of the full-text index shards.</param>
internal readonly record struct SiteStats(int Files, long Bytes, long NamesBytes, long SearchBytes);
