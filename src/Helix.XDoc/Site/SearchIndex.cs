using System.Text;

namespace Helix.XDoc;

/// <summary>
/// The full-text index: lowercase ASCII words (and the parts of camelCase words) → the topics that use them, sharded
/// by the first two letters into small JS files that the search page loads only when a query needs them. Postings are
/// topic numbers (their rank in the jump-to index), ascending, delta-coded in base 36.
/// </summary>
internal static class SearchIndex
{
    /// <summary>The words of <paramref name="text"/>: each ASCII alphanumeric run lowercased, plus its camelCase parts.</summary>
    public static IEnumerable<string> Words(string text)
    {
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiLetterOrDigit(text[i])) { i++; continue; }
            int start = i;
            while (i < text.Length && char.IsAsciiLetterOrDigit(text[i])) i++;
            var run = text.Substring(start, i - start);
            if (run.Length >= 2 && run.Length <= 40) yield return run.ToLowerInvariant();
            int partStart = 0;
            for (int j = 1; j <= run.Length; j++)
                if (j == run.Length || char.IsAsciiLetterUpper(run[j]) && char.IsAsciiLetterLower(run[j - 1]))
                {
                    if (partStart > 0 || j < run.Length)
                        if (j - partStart >= 2) yield return run[partStart..j].ToLowerInvariant();
                    partStart = j;
                }
        }
    }

    /// <summary>Shard file contents by shard key, from each topic's (number, text).</summary>
    public static Dictionary<string, string> Build(IReadOnlyList<(int Id, string Text)> docs)
    {
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (id, text) in docs.OrderBy(d => d.Id))
            foreach (var w in Words(text))
            {
                if (!postings.TryGetValue(w, out var list)) postings[w] = list = new();
                if (list.Count == 0 || list[^1] != id) list.Add(id);
            }
        var shards = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        foreach (var (word, ids) in postings.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var key = word[..2];
            if (!shards.TryGetValue(key, out var sb)) { shards[key] = sb = new StringBuilder(); sb.Append("XDOC.addShard(\"").Append(key).Append("\",{"); }
            else sb.Append(',');
            sb.Append('"').Append(word).Append("\":\"");
            int prev = 0;
            for (int k = 0; k < ids.Count; k++)
            {
                if (k > 0) sb.Append(',');
                sb.Append(Base36(ids[k] - prev));
                prev = ids[k];
            }
            sb.Append('"');
        }
        return shards.ToDictionary(kv => kv.Key, kv => kv.Value.Append("});\n").ToString(), StringComparer.Ordinal);
    }

    static string Base36(int v)
    {
        if (v == 0) return "0";
        Span<char> buf = stackalloc char[8];
        int n = 0;
        while (v > 0) { int d = v % 36; buf[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10); v /= 36; }
        buf[..n].Reverse();
        return new string(buf[..n]);
    }
}
