namespace Helix.LanguageModels.Data;

/// <summary>Byte-level tokens for text: token i is byte i (0–255); 256 is padding. Any file encodes, nothing is unknown.</summary>
internal static class ByteTokenizer
{
    /// <summary>Token id of padding.</summary>
    public const long PadId = 256;

    /// <summary>Vocabulary size including padding.</summary>
    public const int VocabSize = 257;

    /// <summary>One token per byte.</summary>
    public static long[] Encode(ReadOnlySpan<byte> bytes)
    {
        var ids = new long[bytes.Length];
        for (int i = 0; i < bytes.Length; i++) ids[i] = bytes[i];
        return ids;
    }
}
