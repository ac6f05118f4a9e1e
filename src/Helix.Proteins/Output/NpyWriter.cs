using System.Buffers.Binary;
using System.Text;

namespace Helix.Proteins.Output;

/// <summary>
/// Streams a 2-D float32 array [rows, columns] to a NumPy .npy file (format 1.0, little-endian, C order). Rows are
/// appended one at a time; the header's row count is patched on <see cref="Dispose"/>. The file is written to a
/// temporary sibling and renamed when complete.
/// </summary>
public sealed class NpyWriter : IDisposable
{
    const int HeaderLength = 128;   // magic + version + length + dict, padded: room for any row count
    readonly string _path, _tmp;
    readonly FileStream _stream;
    readonly int _columns;
    long _rows;
    bool _done;

    /// <summary>Starts <paramref name="path"/> for rows of <paramref name="columns"/> floats.</summary>
    public NpyWriter(string path, int columns)
    {
        if (columns < 1) throw new ArgumentException($"columns must be ≥ 1, got {columns}");
        _path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _tmp = $"{_path}.tmp-{Environment.ProcessId}";
        _columns = columns;
        _stream = new FileStream(_tmp, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        _stream.Write(Header(0));
    }

    /// <summary>Appends one row.</summary>
    public void WriteRow(ReadOnlySpan<float> row)
    {
        if (row.Length != _columns) throw new ArgumentException($"row has {row.Length} values, expected {_columns}");
        Span<byte> buf = stackalloc byte[4];
        foreach (var v in row) { BinaryPrimitives.WriteSingleLittleEndian(buf, v); _stream.Write(buf); }
        _rows++;
    }

    /// <summary>Appends <paramref name="values"/>.Length / columns rows.</summary>
    public void WriteRows(ReadOnlySpan<float> values)
    {
        if (values.Length % _columns != 0) throw new ArgumentException($"{values.Length} values are not whole rows of {_columns}");
        for (int i = 0; i < values.Length; i += _columns) WriteRow(values.Slice(i, _columns));
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

    /// <summary>Patches the row count, closes the file and renames it into place.</summary>
    public void Dispose()
    {
        if (_done) return;
        _done = true;
        _stream.Position = 0;
        _stream.Write(Header(_rows));
        _stream.Dispose();
        File.Move(_tmp, _path, overwrite: true);
    }
}
