using Helix.Core;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Training;

/// <summary>
/// One-file checkpoints: a magic tag, the <see cref="CheckpointHeader"/> as JSON, the model's state dict, and the
/// optimizer's state. Written through <see cref="AtomicFile"/> (a temporary sibling, flushed to disk, renamed), so a crash leaves either the old
/// checkpoint or the new one, never half of one.
/// </summary>
public static class CheckpointFile
{
    static readonly byte[] Magic = "HELIXCK1"u8.ToArray();

    /// <summary>Writes the checkpoint atomically. <paramref name="optimizer"/> may be null (a model-only file).</summary>
    public static void Write(string path, CheckpointHeader header, nn.Module model, OptimizerHelper? optimizer) =>
        AtomicFile.Write(path, (string tmp) =>
        {
            using var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None);
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

    static FileStream OpenChecked(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint not found: {path}", path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }

    static CheckpointHeader ReadHeader(BinaryReader r, string path)
    {
        var magic = r.ReadBytes(Magic.Length);
        if (!magic.AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException($"{path}: not a Helix checkpoint (bad magic at byte 0).");
        int length = r.ReadInt32();
        if (length <= 0 || length > r.BaseStream.Length - r.BaseStream.Position)
            throw new InvalidDataException($"{path}: truncated checkpoint (header length {length} at byte {Magic.Length}).");
        var node = JsonNode.Parse(r.ReadBytes(length)) as JsonObject
            ?? throw new InvalidDataException($"{path}: the checkpoint header is not a JSON object.");
        return CheckpointHeader.FromJson(node, path);
    }
}
