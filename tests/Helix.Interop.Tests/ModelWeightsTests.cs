using Helix.Attention;
using Helix.Core;
using static TorchSharp.torch;

namespace Helix.Interop.Tests;

public class ModelWeightsTests
{
    static PerformerLM Model(long seed, AttentionMechanism mechanism = AttentionMechanism.Favor)
    {
        random.manual_seed(seed);
        return new PerformerLM(new PerformerConfig
        {
            VocabSize = 11, Dim = 16, Depth = 2, Heads = 2, MaxLength = 32, Dropout = 0,
            Attention = new AttentionConfig { Mechanism = mechanism, NumFeatures = 8, Seed = seed },
        });
    }

    static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    [Theory]
    [InlineData("w.safetensors")]
    [InlineData("w.pt")]
    [InlineData("w.bin")]
    public void EveryFormatRestoresEveryTensorExactly(string name)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("helix-weights").FullName, name);
        using var a = Model(1);
        using var b = Model(2);
        ModelWeights.Save(a, path);
        ModelWeights.Load(b, path);
        var sa = a.state_dict();
        var sb = b.state_dict();
        Assert.Equal(sa.Keys.OrderBy(k => k), sb.Keys.OrderBy(k => k));
        Assert.Contains(sa.Keys, k => k.EndsWith("attn.projection"));   // buffers travel with the weights
        foreach (var (k, t) in sa) Assert.True(Same(t, sb[k]), $"{k} differs after {name}");
        Assert.DoesNotContain(Directory.GetFiles(Path.GetDirectoryName(path)!), f => f.Contains(".tmp"));
    }

    [Theory]
    [InlineData("w.safetensors")]
    [InlineData("w.pt")]
    public void AMismatchedModelIsAClearError(string name)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("helix-weights").FullName, name);
        using var a = Model(1);
        ModelWeights.Save(a, path);
        random.manual_seed(3);
        using var other = new PerformerLM(new PerformerConfig { VocabSize = 11, Dim = 16, Depth = 3, Heads = 2, MaxLength = 32 });
        var e = Assert.Throws<InvalidInputException>(() => ModelWeights.Load(other, path));
        Assert.Contains("encoder.layers.2", e.Message);
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void AFileThatIsNotWeightsIsAClearError()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("helix-weights").FullName, "w.safetensors");
        File.WriteAllText(path, "not a tensor file");
        using var a = Model(1);
        var e = Assert.ThrowsAny<Exception>(() => ModelWeights.Load(a, path));
        Assert.IsType<InvalidInputException>(e);
    }

    [Fact]
    public void ExportAndImportGiveTheSameLogits()
    {
        var dir = Directory.CreateTempSubdirectory("helix-export").FullName;
        using var a = Model(5);
        a.eval();
        PerformerExport.Export(a, dir);
        using var b = PerformerExport.Import(dir);
        using var tokens = randint(0, 11, new long[] { 2, 9 }, dtype: ScalarType.Int64);
        using var la = a.forward(tokens, null);
        using var lb = b.forward(tokens, null);
        Assert.True(Same(la, lb));
        Assert.Equal(a.Config, b.Config with { Attention = b.Config.Attention with { Redraw = a.Config.Attention.Redraw } });
    }

    [Fact]
    public void ABadConfigNamesTheField()
    {
        var e = Assert.Throws<InvalidInputException>(() => PerformerExport.FromJson("c.json", """{"vocab_size": 5}"""));
        Assert.Contains("c.json", e.Message);
        Assert.Contains("'dim'", e.Message);
    }
}
