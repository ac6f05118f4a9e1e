using Helix.Core;
using Helix.Proteins.Data;

namespace Helix.Proteins.Tests.Data;

public sealed class FastaReaderTests : IDisposable
{
    const string Good = ">sp|P1|ONE first protein\nMKTAY\nIAKQR*\n\n>P2\nacdefghik\n;comment\n>P3 third\nLLV\n";
    readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    static void AssertGood(List<ProteinRecord> rs)
    {
        Assert.Equal(new[] { "sp|P1|ONE", "P2", "P3" }, rs.Select(r => r.Id));
        Assert.Equal(new[] { "MKTAYIAKQR", "ACDEFGHIK", "LLV" }, rs.Select(r => r.Sequence));
        Assert.Equal(new[] { "first protein", "", "third" }, rs.Select(r => r.Description));
        Assert.Equal(new long[] { 1, 5, 8 }, rs.Select(r => r.Line));
    }

    [Fact]
    public void ReadsPlainFiles() => AssertGood(FastaReader.Read(_dir.Write("a.fasta", Good)).ToList());

    [Fact]
    public void ReadsGzipFilesByContentNotName()
    {
        AssertGood(FastaReader.Read(_dir.WriteGzip("a.fasta.gz", Good)).ToList());
        AssertGood(FastaReader.Read(_dir.WriteGzip("no-extension", Good)).ToList());
        AssertGood(SequenceFile.Read(_dir.WriteGzip("b.fa.gz", Good)).ToList());
    }

    [Fact]
    public void TruncatedGzipIsAnErrorNamingTheFile()
    {
        var text = string.Concat(Enumerable.Range(0, 2000).Select(i => $">P{i}\n{new string('A', 60)}\n"));
        var path = _dir.WriteGzip("big.fasta.gz", text);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<InvalidInputException>(() => FastaReader.Read(path).Count());
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData(">P1\nMKT1AY\n", ":2: column 4", "'1'")]
    [InlineData(">P1\nMKT\n>P2\nAC-D\n", ":4: column 3", "'-'")]
    [InlineData("MKT\n>P1\nAAA\n", ":1:", "before the first '>'")]
    [InlineData(">P1\n>P2\nAAA\n", ":1:", "has no sequence")]
    [InlineData(">\nAAA\n", ":1:", "without a sequence name")]
    [InlineData(">P1\nAAA\n>P2\n", ":3:", "has no sequence")]
    public void BadRecordsAreErrorsWithFileAndLine(string text, string where, string what)
    {
        var path = _dir.Write("bad.fasta", text);
        var e = Assert.Throws<InvalidInputException>(() => FastaReader.Read(path).ToList());
        Assert.Contains(path + where, e.Message);
        Assert.Contains(what, e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    public void EmptyFilesAreErrors(string text)
    {
        var path = _dir.Write("empty.fasta", text);
        Assert.Contains("no FASTA records", Assert.Throws<InvalidInputException>(() => FastaReader.Read(path).ToList()).Message);
    }

    [Fact]
    public void ReadingIsLazy()
    {
        // The first record comes back before the reader reaches the broken third one.
        var path = _dir.Write("lazy.fasta", ">P1\nAAA\n>P2\nCCC\n>P3\nC#C\n");
        using var e = FastaReader.Read(path).GetEnumerator();
        Assert.True(e.MoveNext());
        Assert.Equal("P1", e.Current.Id);
        Assert.True(e.MoveNext());
        Assert.Throws<InvalidInputException>(() => e.MoveNext());
    }

    [Fact]
    public void MissingFileIsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => FastaReader.Read(Path.Combine(_dir.Path, "nope.fasta")).ToList());

    [Theory]
    [InlineData("MKT1AY", "position 4", "'1'")]
    [InlineData("MKTA-Y", "position 5", "'-'")]
    [InlineData("MK\u00e9", "position 3", "'\u00e9'")]
    [InlineData("", "no residues", "A–Z")]
    public void SequencesGivenAsTextFollowTheReadersRules(string text, string where, string what)
    {
        var e = Assert.Throws<InvalidInputException>(() => SequenceFile.FromText(text));
        Assert.Contains(where, e.Message);
        Assert.Contains(what, e.Message);
    }

    [Fact]
    public void GoodTextSequencesAreUpperCased() => Assert.Equal("MKTAYLV", SequenceFile.FromText("mkt AY lv*").Sequence);
}
