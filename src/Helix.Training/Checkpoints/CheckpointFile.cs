using Helix.Core;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Training;

/// <summary>
/// One-file checkpoints: a magic tag, the <see cref="CheckpointHeader"/> as JSON, the model's state dict, the
/// optimizer's state, and a SHA-256 of all that (32 bytes at the end). Written through <see cref="AtomicFile"/> (a
/// temporary sibling, flushed to disk, renamed), so a crash leaves either the old checkpoint or the new one, never
/// half of one. Reading checks the SHA-256 first, so a file changed on disk or in transfer is an error naming it,
/// never silently different weights. Checkpoints written before the checksum (tag <c>HELIXCK1</c>) still load, unchecked.
/// </summary>
public static class CheckpointFile
{
    static readonly byte[] Magic = "HELIXCK2"u8.ToArray();
    static readonly byte[] UncheckedMagic = "HELIXCK1"u8.ToArray();
    const int ChecksumLength = 32;

    /// <summary>Writes the checkpoint atomically. <paramref name="optimizer"/> may be null (a model-only file).</summary>
    public static void Write(string path, CheckpointHeader header, nn.Module model, OptimizerHelper? optimizer) =>
        AtomicFile.Write(path, (string tmp) =>
        {
            using var stream = new FileStream(tmp, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
            using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                w.Write(Magic);
                var json = JsonSerializer.SerializeToUtf8Bytes(header.ToJson());
                w.Write(json.Length);
                w.Write(json);
                model.save(w);
                w.Write(optimizer != null);
                optimizer?.save_state_dict(w);
            }
            stream.Position = 0;
            var checksum = SHA256.HashData(stream);   // reads back what was written, to the end
            stream.Write(checksum);
            stream.Flush(flushToDisk: true);
        });

    /// <summary>Reads only the header (cheap): the caller rebuilds its model from <see cref="CheckpointHeader.Config"/>.</summary>
    public static CheckpointHeader ReadHeader(string path)
    {
        using var stream = OpenChecked(path);
        using var r = new BinaryReader(stream);
        return ReadHeader(r, path);
    }

    /// <summary>
    /// Loads the model weights (and the optimizer state when <paramref name="optimizer"/> is given and the file has
    /// one) into modules built with the same shapes. Returns the header.
    /// </summary>
    public static CheckpointHeader Load(string path, nn.Module model, OptimizerHelper? optimizer = null)
    {
        using var stream = OpenChecked(path);
        using var r = new BinaryReader(stream);
        var header = ReadHeader(r, path);
        try
        {
            model.load(r, strict: true);
            bool hasOptimizer = r.ReadBoolean();
            if (optimizer != null)
            {
                if (!hasOptimizer) throw new InvalidDataException($"{path}: this checkpoint holds no optimizer state, so training cannot resume from it.");
                optimizer.load_state_dict(r);
            }
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: the checkpoint does not match this model or is truncated ({e.Message}).", e);
        }
        return header;
    }

    /// <summary>Opens the file and, when it carries a checksum, checks it: the stream comes back at byte 0.</summary>
    static Stream OpenChecked(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint not found: {path}", path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            Span<byte> magic = stackalloc byte[Magic.Length];
            if (stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) == magic.Length && magic.SequenceEqual(Magic))
            {
                long payload = stream.Length - ChecksumLength;
                if (payload < Magic.Length) throw Damaged(path, "it is too short to hold its checksum (a cut-off copy?)");
                stream.Position = 0;
                var actual = Sha256(stream, payload);
                Span<byte> stored = stackalloc byte[ChecksumLength];
                stream.Position = payload;
                stream.ReadExactly(stored);
                if (!stored.SequenceEqual(actual))
                    throw Damaged(path, "its SHA-256 checksum does not match its contents (bytes changed on disk or in transfer, or a cut-off copy)");
            }
            stream.Position = 0;
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    static byte[] Sha256(Stream stream, long count)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        for (long left = count; left > 0;)
        {
            int n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n <= 0) throw new EndOfStreamException();
            hash.AppendData(buffer, 0, n);
            left -= n;
        }
        return hash.GetHashAndReset();
    }

    static InvalidDataException Damaged(string path, string why) => new(
        $"{path}: the checkpoint is damaged: {why}. Its weights cannot be trusted: resume from an earlier checkpoint or a backup copy, or train again.");

    static CheckpointHeader ReadHeader(BinaryReader r, string path)
    {
        var magic = r.ReadBytes(Magic.Length);
        if (!magic.AsSpan().SequenceEqual(Magic) && !magic.AsSpan().SequenceEqual(UncheckedMagic))
            throw new InvalidDataException($"{path}: not a Helix checkpoint (bad magic at byte 0).");
        int length = r.ReadInt32();
        if (length <= 0 || length > r.BaseStream.Length - r.BaseStream.Position)
            throw new InvalidDataException($"{path}: truncated checkpoint (header length {length} at byte {Magic.Length}).");
        var node = JsonNode.Parse(r.ReadBytes(length)) as JsonObject
            ?? throw new InvalidDataException($"{path}: the checkpoint header is not a JSON object.");
        return CheckpointHeader.FromJson(node, path);
    }
}
