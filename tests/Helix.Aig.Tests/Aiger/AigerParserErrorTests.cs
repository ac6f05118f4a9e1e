using Helix.Core;
using System.Text;
using CsCheck;
using Helix.Aig.Aiger;
using Helix.Aig.Tests.Support;

namespace Helix.Aig.Tests.Aiger;

public class AigerParserErrorTests
{
    [Theory]
    [InlineData("", 0, "header")]
    [InlineData("aag 1 1 0 0\n", 11, "space before A")]
    [InlineData("aag 1 1 0 1 0\n3\n", 14, "must be even")]
    [InlineData("aag 1 1 0 1 0\n2\n4\n", 16, "exceeds the largest literal")]
    [InlineData("aag 2 1 0 1 1\n2\n4\n4 6 2\n", 20, "exceeds")]
    [InlineData("aag 3 1 0 1 2\n2\n4\n4 6 2\n6 4 2\n", 24, "cycle")]
    [InlineData("aag 3 1 0 1 1\n2\n4\n4 6 2\n", 18, "never defined")]
    [InlineData("aag 1 1 0 0 0\n2\n2\n", 16, "symbol")]
    [InlineData("aag 2 2 0 0 0\n2\n2\n", 16, "defined twice")]
    [InlineData("aig 2 1 0 1 1\n4\n\u0001", 17, "ends inside")]
    [InlineData("aig 2 1 0 1 1\n4\n\u0001\u0009", 16, "second delta")]
    [InlineData("aig 2 1 0 1 1\n4\n", 14, "truncated")]
    [InlineData("aig 3 1 0 1 1\n4\n\u0002\u0000", 0, "M = I + L + A")]
    [InlineData("aag 1 1 0 0 0\n2\ni5 x\n", 17, "out of range")]
    [InlineData("aag 1 0 1 0 0\n2 3 7\n", 18, "reset")]
    [InlineData("aag 2000000000 0 0 0 0\n", 0, "too large")]
    [InlineData("aag 999999999 0 0 1 0\n1999999998\n", 22, "not defined")]
    public void MalformedFilesGetAClearErrorWithItsOffset(string text, long offset, string expected)
    {
        var e = Assert.Throws<AigerFormatException>(() => AigerReader.Read(Encoding.Latin1.GetBytes(text), "t.aag"));
        Assert.Contains(expected, e.Message, StringComparison.OrdinalIgnoreCase);
        if (offset > 0) Assert.Equal(offset, e.Offset);
        Assert.StartsWith("t.aag:", e.Message);
    }

    static void ParsesOrFailsCleanly(byte[] data)
    {
        try { AigerReader.Read(data); }
        catch (AigerFormatException e) { Assert.InRange(e.Offset, 0, data.Length); Assert.False(string.IsNullOrWhiteSpace(e.Message)); }
    }

    [Fact]
    public void RandomBytesParseOrFailCleanly()
    {
        var prefixes = new[] { "", "aag ", "aig ", "aag 5 2 1 1 2\n", "aig 5 2 1 1 2\n" };
        Gen.Select(Gen.Int[0, prefixes.Length - 1], Gen.Byte.Array[0, 64]).Sample((p, tail) =>
            ParsesOrFailsCleanly(Encoding.ASCII.GetBytes(prefixes[p]).Concat(tail).ToArray()), iter: 3000);
    }

    [Fact]
    public void MutatedValidFilesParseOrFailCleanly()
    {
        Gen.Select(Gen.ULong, Gen.Bool, Gen.Int[1, 4], Gen.ULong).Sample((seed, binary, edits, editSeed) =>
        {
            var g = RandomAig.Build(seed, 4, 25, 2, latches: 2);
            var data = AigerWriter.ToBytes(g, binary).ToList();
            var rng = new SplitMix64(editSeed);
            for (int e = 0; e < edits && data.Count > 0; e++)
            {
                int at = (int)(rng.NextUInt64() % (ulong)data.Count);
                switch (rng.NextUInt64() % 4)
                {
                    case 0: data[at] = (byte)rng.NextUInt64(); break;
                    case 1: data.RemoveAt(at); break;
                    case 2: data.Insert(at, (byte)"0123456789 \n"[(int)(rng.NextUInt64() % 12)]); break;
                    default: data.RemoveRange(at, data.Count - at); break;
                }
            }
            ParsesOrFailsCleanly(data.ToArray());
        }, iter: 3000);
    }
}
