using System.Buffers.Binary;
using System.Text;

namespace Helix.Proteins.Output;

/// <summary>
/// Streams a 2-D float32 array [rows, columns] in NumPy .npy format (1.0, little-endian, C order) to a seekable
/// stream: rows are appended one at a time and <see cref="Complete"/> patches the header's row count. Files are
/// written through <see cref="EmbeddingFile.Write"/> (a temporary sibling renamed when complete).
/// </summary>
public sealed class NpyWriter : IEmbeddingSink
{
    const int HeaderLength = 128;   // magic + version + length + dict, padded: room for any row count
    readonly Stream _stream;
    readonly long _start;
    readonly int _columns;
    readonly byte[] _row;
    long _rows;

    /// <summary>Starts an array of rows of <paramref name="columns"/> floats at the current position of <paramref name="stream"/> (seekable).</summary>
    public NpyWriter(Stream stream, int columns)
    {
        if (columns < 1) throw new ArgumentException($"columns must be ≥ 1, got {columns}");
        if (!stream.CanSeek) throw new ArgumentException("the stream must be seekable (the row count is patched at the end)");
        (_stream, _columns, _start) = (stream, columns, stream.Position);
        _row = new byte[4 * columns];
        _stream.Write(Header(0));
    }

    /// <summary>Rows written so far.</summary>
    public long Rows => _rows;

    /// <summary>Appends one row.</summary>
    public void WriteRow(ReadOnlySpan<float> row)
    {
        if (row.Length != _columns) throw new ArgumentException($"row has {row.Length} values, expected {_columns}");
        for (int i = 0; i < row.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(_row.AsSpan(4 * i), row[i]);
        _stream.Write(_row);
        _rows++;
    }

    /// <summary>Appends <paramref name="values"/>.Length / columns rows.</summary>
    public void WriteRows(ReadOnlySpan<float> values)
    {
        if (values.Length % _columns != 0) throw new ArgumentException($"{values.Length} values are not whole rows of {_columns}");
        for (int i = 0; i < values.Length; i += _columns) WriteRow(values.Slice(i, _columns));
    }

    /// <inheritdoc/>
    public void Write(string id, ReadOnlySpan<float> values) => WriteRow(values);

    /// <summary>Patches the row count into the header; the stream is left at its end.</summary>
    public void Complete()
    {
        long end = _stream.Position;
        _stream.Position = _start;
        _stream.Write(Header(_rows));
        _stream.Position = end;
    }

    byte[] Header(long rows)
    {
        var dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {_columns}), }}";
        var header = new byte[HeaderLength];
        header[0] = 0x93;
        "NUMPY"u8.CopyTo(header.AsSpan(1));
        header[6] = 1; header[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), HeaderLength - 10);
        var text = Encoding.ASCII.GetBytes(dict.PadRight(HeaderLength - 10 - 1) + "\n");
        text.CopyTo(header, 10);
        return header;
    }
}
