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
}
