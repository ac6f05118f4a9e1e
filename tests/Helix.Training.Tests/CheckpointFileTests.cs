using Helix.Torch;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace Helix.Training.Tests;

public sealed class CheckpointFileTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("helix-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void RoundTripRestoresWeightsHeaderAndLeavesNoTemporaryFile()
    {
        random.manual_seed(1);
        using var a = new TinyClassifier();
        random.manual_seed(2);
        using var b = new TinyClassifier();
        var path = Path.Combine(_dir, "m.ckpt");
        var header = new CheckpointHeader(42, 123456789012345UL, TorchRandomState.Get(), new JsonObject { ["cursor"] = 3 },
            new JsonObject { ["dim"] = 16 }, null, 1.5, 999, 0.25, 0.75);
        CheckpointFile.Write(path, header, a, optimizer: null);
        Assert.Equal(new[] { "m.ckpt" }, Directory.GetFiles(_dir).Select(Path.GetFileName));

        var read = CheckpointFile.Load(path, b);
        Assert.Equal(42, read.Step);
        Assert.Equal(123456789012345UL, read.DataRngState);
        Assert.Equal(16, (int)read.Config!["dim"]!);
        Assert.Equal(3, (int)read.SourceState!["cursor"]!);
        Assert.Equal(header.TorchRngState, read.TorchRngState);
        foreach (var ((_, pa), (_, pb)) in a.named_parameters().Zip(b.named_parameters()))
            Assert.True(pa.eq(pb).all().item<bool>());
    }

    [Fact]
    public void ResumeNeedsOptimizerState()
    {
        using var m = new TinyClassifier();
        var path = Path.Combine(_dir, "m.ckpt");
        CheckpointFile.Write(path, new CheckpointHeader(1, 1, TorchRandomState.Get(), null, null, null, 0, 0, 0, 0), m, null);
        using var opt = AdamWSetup.Create(m, 1e-3, 0.01);
        var e = Assert.Throws<InvalidDataException>(() => CheckpointFile.Load(path, m, opt));
        Assert.Contains("no optimizer state", e.Message);
    }

    [Fact]
    public void BadFilesGetClearErrors()
    {
        var junk = Path.Combine(_dir, "junk.ckpt");
        File.WriteAllText(junk, "hello, this is not a checkpoint");
        Assert.Contains("bad magic", Assert.Throws<InvalidDataException>(() => CheckpointFile.ReadHeader(junk)).Message);

        using var m = new TinyClassifier();
        var good = Path.Combine(_dir, "good.ckpt");
        CheckpointFile.Write(good, new CheckpointHeader(1, 1, TorchRandomState.Get(), null, null, null, 0, 0, 0, 0), m, null);
        var bytes = File.ReadAllBytes(good);
        var cut = Path.Combine(_dir, "cut.ckpt");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        Assert.Throws<InvalidDataException>(() => CheckpointFile.Load(cut, m));
        Assert.Throws<FileNotFoundException>(() => CheckpointFile.ReadHeader(Path.Combine(_dir, "missing.ckpt")));
    }

    /// <summary>Where the model's tensors start: after the 8-byte tag, the header length and the header.</summary>
    static int WeightsStart(byte[] bytes) => 8 + 4 + BitConverter.ToInt32(bytes, 8);

    [Fact]
    public void FlippedBytesInsideTheWeightsAreAClearErrorNamingTheFile()
    {
        random.manual_seed(3);
        using var a = new TinyClassifier();
        var path = Path.Combine(_dir, "flip.ckpt");
        CheckpointFile.Write(path, new CheckpointHeader(5, 1, TorchRandomState.Get(), null, null, null, 0, 0, 0, 0), a, null);
        using (var untouched = new TinyClassifier()) CheckpointFile.Load(path, untouched);   // untouched: loads

        var bytes = File.ReadAllBytes(path);
        int middle = (WeightsStart(bytes) + bytes.Length - 32) / 2;
        for (int i = middle; i < middle + 64; i++) bytes[i] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
        using var b = new TinyClassifier();
        var e = Assert.Throws<InvalidDataException>(() => CheckpointFile.Load(path, b));
        Assert.StartsWith(path + ":", e.Message);
        Assert.Contains("SHA-256 checksum does not match", e.Message);
        Assert.Contains("resume from an earlier checkpoint", e.Message);
        Assert.Throws<InvalidDataException>(() => CheckpointFile.ReadHeader(path));

        // The flipped bytes are inside the weights: a load that skipped the check would take them silently.
        var legacy = Path.Combine(_dir, "legacy-flipped.ckpt");
        File.WriteAllBytes(legacy, [.. "HELIXCK1"u8.ToArray(), .. bytes[8..^32]]);
        using var c = new TinyClassifier();
        CheckpointFile.Load(legacy, c);
        Assert.False(a.named_parameters().Zip(c.named_parameters()).All(p => p.First.parameter.eq(p.Second.parameter).all().item<bool>()));
    }

    [Fact]
    public void CheckpointsWrittenBeforeTheChecksumStillLoad()
    {
        random.manual_seed(4);
        using var a = new TinyClassifier();
        var path = Path.Combine(_dir, "new.ckpt");
        CheckpointFile.Write(path, new CheckpointHeader(7, 1, TorchRandomState.Get(), null, new JsonObject { ["dim"] = 3 }, null, 0, 0, 0, 0), a, null);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("HELIXCK2"u8.ToArray(), bytes[..8]);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(bytes[..^32]), bytes[^32..]);
        var old = Path.Combine(_dir, "old.ckpt");
        File.WriteAllBytes(old, [.. "HELIXCK1"u8.ToArray(), .. bytes[8..^32]]);   // the format before the checksum
        random.manual_seed(5);
        using var b = new TinyClassifier();
        Assert.Equal(7, CheckpointFile.Load(old, b).Step);
        foreach (var ((_, pa), (_, pb)) in a.named_parameters().Zip(b.named_parameters()))
            Assert.True(pa.eq(pb).all().item<bool>());
    }

    [Fact]
    public void ACutOffCheckpointFailsItsChecksum()
    {
        using var m = new TinyClassifier();
        var path = Path.Combine(_dir, "cut.ckpt");
        CheckpointFile.Write(path, new CheckpointHeader(1, 1, TorchRandomState.Get(), null, null, null, 0, 0, 0, 0), m, null);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^1]);
        Assert.Contains("checkpoint is damaged", Assert.Throws<InvalidDataException>(() => CheckpointFile.Load(path, m)).Message);
    }
}
