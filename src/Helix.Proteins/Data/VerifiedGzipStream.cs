using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Helix.Proteins.Data;

/// <summary>
/// Decompresses a gzip file and checks what .NET's <see cref="GZipStream"/> does not: that every member is complete
/// and matches the CRC-32 and size of its 8-byte trailer. .NET returns end-of-data silently when a file is cut inside
/// the compressed data or its trailer; here the end of the data is an <see cref="InvalidDataException"/> instead,
/// raised before the (possibly partial) last bytes are handed on. Multi-member files (<c>cat a.gz b.gz</c>, bgzip)
/// are read member by member.
/// </summary>
/// <remarks>
/// Pre: <paramref name="file"/> is seekable and positioned at a gzip header. How the trailer is found: the raw
/// deflate decoder reads the file through <see cref="Tap"/>, which remembers the last chunk it served. When the
/// decoder stops, its data ended inside that chunk, so the trailer is the first offset in it followed by the
/// member's CRC-32 and size (a chance match has probability 2⁻⁶⁴). The decoder asking for more than the file
/// holds: cut inside the data. No match: the trailer is missing or the data is damaged. Post: at the end of the data every member has been checked.
/// </remarks>
internal sealed class VerifiedGzipStream(FileStream file) : Stream
{
    const int Chunk = 1 << 16;
    readonly Tap _tap = new(file);
    readonly Crc32 _crc = new();
    DeflateStream? _member;
    long _size;
    int _members;
    bool _done;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        while (!_done)
        {
            if (_member == null && !StartMember()) { _done = true; break; }
            int n;
            try { n = _member!.Read(buffer); }
            catch (InvalidDataException e) { throw new InvalidDataException($"the gzip data of member {_members + 1} is damaged ({e.Message.TrimEnd('.')})", e); }
            if (n > 0)
            {
                _crc.Append(buffer[..n]);
                _size += n;
                return n;
            }
            FinishMember();
        }
        return 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>Reads the next member's header; false at the end of the file (or of trailing zero padding).</summary>
    bool StartMember()
    {
        int id1 = file.ReadByte();
        if (id1 < 0 && _members > 0) return false;
        if (id1 == 0 && _members > 0 && OnlyZerosLeft()) return false;
        if (id1 != 0x1f || file.ReadByte() != 0x8b)
            throw new InvalidDataException(_members == 0 ? "not a gzip stream" : $"unexpected bytes after gzip member {_members} (at byte {file.Position - 1})");
        Span<byte> fixedPart = stackalloc byte[8];   // CM, FLG, MTIME(4), XFL, OS
        if (file.ReadAtLeast(fixedPart, 8, throwOnEndOfStream: false) < 8) throw Cut();
        if (fixedPart[0] != 8) throw new InvalidDataException($"gzip member {_members + 1} uses compression method {fixedPart[0]}, not deflate");
        int flags = fixedPart[1];
        if ((flags & 4) != 0)   // FEXTRA
        {
            Span<byte> len = stackalloc byte[2];
            if (file.ReadAtLeast(len, 2, throwOnEndOfStream: false) < 2) throw Cut();
            Skip(BinaryPrimitives.ReadUInt16LittleEndian(len));
        }
        if ((flags & 8) != 0) SkipZeroTerminated();    // FNAME
        if ((flags & 16) != 0) SkipZeroTerminated();   // FCOMMENT
        if ((flags & 2) != 0) Skip(2);                 // FHCRC
        _tap.Reset();
        _member = new DeflateStream(_tap, CompressionMode.Decompress, leaveOpen: true);
        _crc.Reset();
        _size = 0;
        return true;
    }

    /// <summary>Finds and checks the trailer of the member whose deflate data just ended; leaves the file after it.</summary>
    void FinishMember()
    {
        _member!.Dispose();
        _member = null;
        _members++;
        uint crc = _crc.GetCurrentHashAsUInt32(), size = unchecked((uint)_size);
        if (_tap.Starved || _tap.LastCount == 0) throw Cut();   // the decoder wanted more data than the file has
        long from = _tap.LastStart;
        var window = new byte[_tap.LastCount + 8];
        file.Position = from;
        int got = file.ReadAtLeast(window, window.Length, throwOnEndOfStream: false);
        for (int o = 1; o <= _tap.LastCount && o + 8 <= got; o++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(window.AsSpan(o)) == crc && BinaryPrimitives.ReadUInt32LittleEndian(window.AsSpan(o + 4)) == size)
            {
                file.Position = from + o + 8;
                return;
            }
        }
        throw new InvalidDataException(
            $"gzip member {_members} ends without a valid 8-byte CRC-32/size trailer: the trailer is missing (a cut-off copy?) or the data is damaged");
    }

    static InvalidDataException Cut() =>
        new("the gzip data is incomplete: the file ends inside the compressed data (a cut-off copy?)");

    bool OnlyZerosLeft()
    {
        int b;
        while ((b = file.ReadByte()) == 0) { }
        return b < 0;
    }

    void Skip(int count)
    {
        if (file.Position + count > file.Length) throw Cut();
        file.Position += count;
    }

    void SkipZeroTerminated()
    {
        int b;
        while ((b = file.ReadByte()) > 0) { }
        if (b < 0) throw Cut();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) { _member?.Dispose(); file.Dispose(); }
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>The file as the deflate decoder sees it, in chunks of at most 64 KiB, remembering the last one served.</summary>
    sealed class Tap(FileStream file) : Stream
    {
        public long LastStart { get; private set; }
        public int LastCount { get; private set; }
        public bool Starved { get; private set; }

        public void Reset() { LastCount = 0; Starved = false; }

        public override int Read(Span<byte> buffer)
        {
            long start = file.Position;
            int n = file.Read(buffer[..Math.Min(buffer.Length, Chunk)]);
            if (n > 0) { LastStart = start; LastCount = n; }
            else if (!buffer.IsEmpty) Starved = true;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
