using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Helix.Core;
using Helix.LanguageModels.Jobs;

namespace Helix.LanguageModels.Tests.Jobs;

/// <summary>LmModelConfig as a fixtype in reject mode with a requirement across fields (the heads divide the width):
/// the messages the CLI maps to flags, the fixtype laws over raw values, and the checkpoint's JSON shape.</summary>
public sealed class LmModelConfigTests
{
    /// <summary>Raw values made without the checks: each field sometimes out of range, heads often not dividing the width.</summary>
    static readonly Gen<LmModelConfig> Raw =
        from dim in Gen.Frequency<int>((3, Gen.Int[1, 256]), (1, Gen.Int[-4, 4]))
        from depth in Gen.Int[-2, 6]
        from heads in Gen.Frequency<int>((3, Gen.Int[1, 16]), (1, Gen.Int[-4, 4]))
        from features in Gen.Int[-2, 80]
        from length in Gen.Int[-2, 600]
        from dropout in Gen.OneOf<double>(Gen.Double[-0.5, 1.5], Gen.Const(double.NaN), Gen.Const(1.0))
        select LmModelConfig.__Unchecked(dim, depth, heads, features, length, dropout);

    [Fact]
    public void BadFieldsAreRejectedOnAssignmentNamingTheProperty()
    {
        var e = Assert.Throws<InvalidOptionException>(() => new LmModelConfig { Dim = 0 });
        Assert.Equal((nameof(LmModelConfig.Dim), "must be at least 1, got 0"), (e.Option, e.Reason));
        Assert.Equal(nameof(LmModelConfig.Heads), Assert.Throws<InvalidOptionException>(() => new LmModelConfig() with { Heads = -1 }).Option);
        var d = Assert.Throws<InvalidOptionException>(() => new LmModelConfig { Dropout = 1 });
        Assert.Equal((nameof(LmModelConfig.Dropout), "must be at least 0 and below 1, got 1"), (d.Option, d.Reason));
    }

    [Fact]
    public void ValidateChecksThatTheHeadsDivideTheWidth()
    {
        var bad = new LmModelConfig { Dim = 128, Heads = 3 };   // each field is valid; together they are not
        var e = Assert.Throws<InvalidOptionException>(() => bad.Validate());
        Assert.Equal((nameof(LmModelConfig.Heads), "3 heads must divide the width 128"), (e.Option, e.Reason));
        var ok = new LmModelConfig { Dim = 96, Heads = 3 };
        Assert.Same(ok, ok.Validate());
        Assert.Same(LmModelConfig.Default, LmModelConfig.Default.Validate());
        // Fix lowers the heads to the largest divisor of the width.
        Assert.Equal(bad with { Heads = 2 }, LmModelConfig.Fix(bad));
    }

    [Fact]
    public void FixtypeLawsHoldOverRawValues()
    {
        Raw.Sample(x => LmModelConfig.IsValid(LmModelConfig.Fix(x)), iter: 500);
        Raw.Sample(x => !LmModelConfig.IsValid(x) || ReferenceEquals(LmModelConfig.Fix(x), x), iter: 500);
        Raw.Sample(x => LmModelConfig.Fix(LmModelConfig.Fix(x)).Equals(LmModelConfig.Fix(x)), iter: 500);
        // Validate accepts exactly the valid values.
        Raw.Sample(x =>
        {
            try { return ReferenceEquals(x.Validate(), x) && LmModelConfig.IsValid(x); }
            catch (InvalidOptionException) { return !LmModelConfig.IsValid(x); }
        }, iter: 500);
        var sample = Raw.Array[300].Single();
        Assert.Contains(sample, x => !LmModelConfig.IsValid(x) && x.Dim >= 1 && x.Heads >= 1 && x.Dim % x.Heads != 0);
    }

    [Fact]
    public void JsonShapeIsUnchangedAndOldCheckpointsLoad()
    {
        // The shape the reflection serializer wrote before LmModelConfig became a fixtype.
        const string old = """{"Dim":128,"Depth":2,"Heads":4,"Features":64,"Length":512,"Dropout":0.1}""";
        Assert.Equal(old, JsonSerializer.Serialize(new LmModelConfig()));
        var saved = new LmModelConfig { Dim = 16, Depth = 1, Heads = 2, Features = 8, Length = 24, Dropout = 0 };
        var header = JsonNode.Parse($$"""{"kind":"helix-lm","model":{{JsonSerializer.Serialize(saved)}},"tokens":"Bytes","vocabSize":257}""");
        Assert.Equal(saved, LmRunConfig.FromJson(header, "model.ckpt").Model);
        Assert.Equal(new LmModelConfig(), LmRunConfig.FromJson(JsonNode.Parse($$"""{"kind":"helix-lm","model":{{old}},"tokens":"Bytes","vocabSize":257}"""), "m").Model);
        // A damaged shape is reported, not fixed into a model the weights do not fit.
        var damaged = JsonNode.Parse("""{"kind":"helix-lm","model":{"Dim":128,"Heads":3},"tokens":"Bytes","vocabSize":257}""");
        var e = Assert.Throws<InvalidInputException>(() => LmRunConfig.FromJson(damaged, "model.ckpt"));
        Assert.Contains("3 heads must divide the width 128", e.Message);
    }
}
