using System.Buffers;
using System.Text.Unicode;

namespace Helix.XDoc;

/// <summary>Decodes strict UTF-8 and says where the first bad byte is.</summary>
internal static class Utf8Text
{
    /// <summary>The text of <paramref name="bytes"/> (without a BOM), or null with the 1-based line and column of the first byte that is not UTF-8.</summary>
    public static string? TryDecode(ReadOnlySpan<byte> bytes, out int badLine, out int badColumn)
    {
        badLine = badColumn = 0;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out int read, out int written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done) return new string(chars, 0, written);
        badLine = 1;
        int lineStart = 0;
        for (int i = 0; i < read; i++) if (bytes[i] == (byte)'\n') { badLine++; lineStart = i + 1; }
        badColumn = read - lineStart + 1;
        return null;
    }
}
