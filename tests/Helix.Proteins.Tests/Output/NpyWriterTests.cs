using System.Buffers.Binary;
using System.Text;
using Helix.Proteins.Output;

namespace Helix.Proteins.Tests.Output;

public sealed class NpyWriterTests : IDisposable
{
    readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WritesAValidNpyWithTheFinalShape()
    {
        var path = Path.Combine(_dir.Path, "e.npy");
        EmbeddingFile.Write(path, 3, sink =>
        {
            var w = (NpyWriter)sink;
            w.WriteRow(new[] { 1f, 2f, 3f });
            w.WriteRows(new[] { 4f, 5f, 6f, 7f, 8f, 9f });
            Assert.False(File.Exists(path));   // only the temporary file exists until it is complete
        });
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(0x93, bytes[0]);
        Assert.Equal("NUMPY", Encoding.ASCII.GetString(bytes, 1, 5));
        Assert.Equal(1, bytes[6]);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        Assert.Equal(0, (10 + headerLength) % 64);   // NumPy aligns the data
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains("'descr': '<f4'", header);
        Assert.Contains("'shape': (3, 3)", header);
        Assert.EndsWith("\n", header);
        var data = Enumerable.Range(0, 9).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(10 + headerLength + 4 * i))).ToArray();
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (float)i), data);
    }

    [Fact]
    public void RowsOfTheWrongWidthAreRejected()
    {
        var w = new NpyWriter(new MemoryStream(), 2);
        Assert.Throws<ArgumentException>(() => w.WriteRow(new[] { 1f }));
    }

    [Fact]
    public void CsvRowsRoundTripAndQuoteIds()
    {
        var path = Path.Combine(_dir.Path, "e.csv");
        EmbeddingFile.Write(path, 2, sink => { sink.Write("a,b", new[] { 0.1f, -2f }); sink.Write("c", new[] { 3f, 4f }); });
        var lines = File.ReadAllLines(path);
        Assert.Equal(new[] { "id,e0,e1", "\"a,b\",0.1,-2", "c,3,4" }, lines);
    }

    [Fact]
    public void AFailedWriteLeavesNoFile()
    {
        var path = Path.Combine(_dir.Path, "f.npy");
        Assert.Throws<InvalidOperationException>(() => EmbeddingFile.Write(path, 2, _ => throw new InvalidOperationException("stop")));
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }
}
