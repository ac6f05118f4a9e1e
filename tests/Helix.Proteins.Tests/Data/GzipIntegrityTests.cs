using System.IO.Compression;
using System.Text;
using Helix.Core;
using Helix.Proteins.Data;

namespace Helix.Proteins.Tests.Data;

/// <summary>
/// A gzip FASTA cut anywhere, or missing only its 8-byte CRC-32/size trailer, or with a damaged trailer, is an
/// <see cref="InvalidInputException"/> naming the file, not a silently shorter corpus (.NET's GZipStream accepts all
/// of these). Valid single- and multi-member files read in full.
/// </summary>
public sealed class GzipIntegrityTests : IDisposable
{
    const int Proteins = 400;
    readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Random residues (so the compressed data is dense), 300-residue sequence lines under short headers.</summary>
    static string Corpus(int proteins, ulong seed)
    {
        var rng = new SplitMix64(seed);
        const string residues = "ACDEFGHIKLMNPQRSTVWY";
        var text = new StringBuilder();
        for (int p = 0; p < proteins; p++)
        {
            text.Append(">P").Append(p).Append('\n');
            for (int i = 0; i < 300; i++) text.Append(residues[rng.NextInt(20)]);
            text.Append('\n');
        }
        return text.ToString();
    }

    static byte[] Gzip(string text)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(text));
        return ms.ToArray();
    }

    /// <summary>What .NET's GZipStream alone makes of a file: no error, just less text.</summary>
    static string Lenient(byte[] bytes)
    {
        using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        return new StreamReader(gz).ReadToEnd();
    }

    [Theory]
    [InlineData(40)]
    [InlineData(60)]
    [InlineData(75)]
    public void CutInsideASequenceIsAnErrorNamingTheFile(int percent)
    {
        var whole = Gzip(Corpus(Proteins, 7));
        var cut = whole[..(whole.Length * percent / 100)];
        // The premise: the cut falls inside a sequence line and GZipStream alone reports nothing.
        var lenient = Lenient(cut);
        Assert.NotEqual('\n', lenient[^1]);
        Assert.NotEqual('>', lenient[(lenient.LastIndexOf('\n') + 1)..][0]);

        var path = _dir.Write($"cut{percent}.fasta.gz", "");
        File.WriteAllBytes(path, cut);
        int before = 0;
        var e = Assert.Throws<InvalidInputException>(() => { foreach (var _ in FastaReader.Read(path)) before++; });
        Assert.Equal(path, e.File);
        Assert.StartsWith($"{path}:{e.Line}: ", e.Message);
        Assert.Equal(lenient.Count(c => c == '\n') + 1, e.Line);   // the line being read when the data ran out
        Assert.Contains("incomplete", e.Message);
        Assert.Equal(lenient.Count(c => c == '>') - 1, before);   // the partial last record is never handed out
        Assert.Throws<InvalidInputException>(() => SequenceFile.Read(path).Count());
    }

    [Fact]
    public void MissingOnlyTheTrailerIsAnError()
    {
        var whole = Gzip(Corpus(Proteins, 8));
        Assert.Equal(Corpus(Proteins, 8), Lenient(whole[..^8]));   // all the text is there; only the check is gone
        var path = _dir.Write("notrailer.fasta.gz", "");
        File.WriteAllBytes(path, whole[..^8]);
        var e = Assert.Throws<InvalidInputException>(() => FastaReader.Read(path).Count());
        Assert.Equal(path, e.File);
        Assert.Contains("8-byte CRC-32/size trailer", e.Message);
        Assert.Contains("download or decompress it again", e.Message);
    }

    [Theory]
    [InlineData(8)]   // first CRC byte
    [InlineData(5)]   // last CRC byte
    [InlineData(2)]   // size
    public void ADamagedTrailerIsAnError(int fromEnd)
    {
        var bytes = Gzip(Corpus(50, 9));
        bytes[^fromEnd] ^= 0x40;
        var path = _dir.Write("badcrc.fasta.gz", "");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidInputException>(() => FastaReader.Read(path).Count());
        Assert.Contains("without a valid 8-byte CRC-32/size trailer", e.Message);
    }

    [Fact]
    public void ValidFilesReadInFullIncludingMultiMemberAndZeroPadding()
    {
        string a = Corpus(300, 10), b = Corpus(5, 11).Replace(">P", ">Q");
        var single = _dir.Write("one.fasta.gz", "");
        File.WriteAllBytes(single, Gzip(a));
        Assert.Equal(300, FastaReader.Read(single).Count());

        var multi = _dir.Write("two.fasta.gz", "");
        File.WriteAllBytes(multi, [.. Gzip(a), .. Gzip(b), .. new byte[16]]);
        var ids = FastaReader.Read(multi).Select(r => r.Id).ToList();
        Assert.Equal(305, ids.Count);
        Assert.Equal("Q4", ids[^1]);

        var empty = _dir.Write("empty.gz", "");
        File.WriteAllBytes(empty, Gzip(""));
        Assert.Contains("no FASTA records", Assert.Throws<InvalidInputException>(() => FastaReader.Read(empty).Count()).Message);
    }

    [Fact]
    public void ADamagedSecondMemberIsAnError()
    {
        var second = Gzip(Corpus(5, 12));
        second[^7] ^= 1;
        var path = _dir.Write("two-bad.fasta.gz", "");
        File.WriteAllBytes(path, [.. Gzip(Corpus(20, 13)), .. second]);
        Assert.Contains("member 2", Assert.Throws<InvalidInputException>(() => FastaReader.Read(path).Count()).Message);
    }

    [Fact]
    public void TheInstalledCorpusReadsInFullAndACutCopyFails()
    {
        if (DefaultCorpus.Locate() is not { } corpus) return;   // mmseqs2-examples not installed: nothing to check
        Assert.Equal(20_000, FastaReader.Read(corpus.Database).Count());
        var bytes = File.ReadAllBytes(corpus.Database);
        var cut = _dir.Write("DB-cut.fasta.gz", "");
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 60 / 100)]);
        Assert.Contains("incomplete", Assert.Throws<InvalidInputException>(() => FastaReader.Read(cut).Count()).Message);
    }
}
