using Helix.Proteins.Data;

namespace Helix.Proteins.Tokenization;

/// <summary>
/// Proteins as residue tokens in one flat byte array (the corpus of 20,000 proteins is ~9 MB), with per-protein
/// offsets and ids. Built once from a stream of records; batchers read spans of it.
/// </summary>
public sealed class TokenizedCorpus
{
    readonly byte[] _tokens;
    readonly long[] _offsets;   // protein i is _tokens[_offsets[i] .. _offsets[i + 1])

    /// <summary>Protein ids, in order.</summary>
    public IReadOnlyList<string> Ids { get; }
    /// <summary>Number of proteins.</summary>
    public int Count => Ids.Count;
    /// <summary>Total residues.</summary>
    public long ResidueCount => _offsets[^1];
    /// <summary>Letters that were not amino-acid codes and became UNK.</summary>
    public long UnknownCount { get; }

    TokenizedCorpus(byte[] tokens, long[] offsets, IReadOnlyList<string> ids, long unknown)
    {
        _tokens = tokens; _offsets = offsets; Ids = ids; UnknownCount = unknown;
    }

    /// <summary>The residue tokens of protein <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Protein(int index) => _tokens.AsSpan((int)_offsets[index], (int)(_offsets[index + 1] - _offsets[index]));

    /// <summary>Length of protein <paramref name="index"/>.</summary>
    public int Length(int index) => (int)(_offsets[index + 1] - _offsets[index]);

    /// <summary>Tokenizes <paramref name="records"/> (consumed once, streamed).</summary>
    public static TokenizedCorpus Build(IEnumerable<ProteinRecord> records)
    {
        var tokens = new List<byte>(1 << 20);
        var offsets = new List<long> { 0 };
        var ids = new List<string>();
        long unknown = 0;
        byte[] buffer = new byte[1024];
        foreach (var r in records)
        {
            if (buffer.Length < r.Sequence.Length) buffer = new byte[Math.Max(r.Sequence.Length, buffer.Length * 2)];
            unknown += ProteinTokenizer.Encode(r.Sequence, buffer);
            tokens.AddRange(buffer.AsSpan(0, r.Sequence.Length));
            offsets.Add(tokens.Count);
            ids.Add(r.Id);
        }
        return new TokenizedCorpus(tokens.ToArray(), offsets.ToArray(), ids, unknown);
    }

    /// <summary>The proteins whose index passes <paramref name="keep"/>, as a new corpus.</summary>
    public TokenizedCorpus Where(Func<int, bool> keep)
    {
        var tokens = new List<byte>();
        var offsets = new List<long> { 0 };
        var ids = new List<string>();
        for (int i = 0; i < Count; i++)
        {
            if (!keep(i)) continue;
            tokens.AddRange(Protein(i));
            offsets.Add(tokens.Count);
            ids.Add(Ids[i]);
        }
        long unknown = 0;
        foreach (var t in tokens) if (t == ProteinTokenizer.Unk) unknown++;
        return new TokenizedCorpus(tokens.ToArray(), offsets.ToArray(), ids, unknown);
    }

    /// <summary>Residue counts per token id (length <see cref="ProteinTokenizer.VocabSize"/>).</summary>
    public long[] TokenCounts()
    {
        var counts = new long[ProteinTokenizer.VocabSize];
        foreach (var t in _tokens) counts[t]++;
        return counts;
    }
}
