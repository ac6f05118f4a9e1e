using Helix.Core;
using Helix.Proteins.Data;

namespace Helix.Proteins.Tests.Data;

public sealed class UniProtReaderTests : IDisposable
{
    const string Entry1 = """
        ID   TEST1_HUMAN             Reviewed;          14 AA.
        AC   P12345; Q99999;
        DE   RecName: Full=Test protein one;
        OS   Homo sapiens.
        SQ   SEQUENCE   14 AA;  1500 MW;  0123456789ABCDEF CRC64;
             MKTAYIAKQR QISF
        //
        ID   TEST2_MOUSE             Unreviewed;         3 AA.
        AC   A0A000;
        SQ   SEQUENCE   3 AA;  300 MW;  0123456789ABCDEF CRC64;
             MKV
        //

        """;
    readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReadsEntriesPlainAndGzip()
    {
        foreach (var path in new[] { _dir.Write("a.dat", Entry1), _dir.WriteGzip("a.dat.gz", Entry1) })
        {
            var rs = SequenceFile.Read(path).ToList();
            Assert.Equal(new[] { "P12345", "A0A000" }, rs.Select(r => r.Id));
            Assert.Equal(new[] { "MKTAYIAKQRQISF", "MKV" }, rs.Select(r => r.Sequence));
            Assert.Equal("RecName: Full=Test protein one;", rs[0].Description);
        }
    }

    [Fact]
    public void LengthMismatchIsAnError()
    {
        var path = _dir.Write("bad.dat", Entry1.Replace("MKV", "MK"));
        var e = Assert.Throws<InvalidInputException>(() => UniProtReader.Read(path).ToList());
        Assert.Contains("declares 3 residues but the sequence has 2", e.Message);
        Assert.Contains(path + ":12:", e.Message);
    }

    [Fact]
    public void TruncatedEntryIsAnError()
    {
        var path = _dir.Write("cut.dat", Entry1[..Entry1.LastIndexOf("//", StringComparison.Ordinal)]);
        Assert.Contains("truncated", Assert.Throws<InvalidInputException>(() => UniProtReader.Read(path).ToList()).Message);
    }

    [Fact]
    public void WrongCharactersAreErrors()
    {
        var path = _dir.Write("chars.dat", Entry1.Replace("QISF", "QI?F"));
        var e = Assert.Throws<InvalidInputException>(() => UniProtReader.Read(path).ToList());
        Assert.Contains(path + ":6: column 19", e.Message);
    }

    [Fact]
    public void EmptyFileIsAnError()
    {
        var path = _dir.Write("empty.dat", "");
        Assert.Throws<InvalidInputException>(() => UniProtReader.Read(path).ToList());
    }
}
