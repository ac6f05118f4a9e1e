using static TorchSharp.torch;

namespace Helix.Attention.Tests.Modules;

/// <summary>Bad input is a clear .NET exception raised before any native call (a libtorch error could abort the process).</summary>
public class BadInputTests
{
    static MultiheadAttention Favor(bool causal = false) => new(16, 2, new AttentionConfig { NumFeatures = 8 }, causal);

    [Fact]
    public void WrongShapesAreRejectedWithTheShapeInTheMessage()
    {
        using var scope = NewDisposeScope();
        using var mha = Favor();
        var ex = Assert.Throws<ArgumentException>(() => mha.forward(zeros(2, 5, 12), zeros(2, 5, 16), zeros(2, 5, 16), null));
        Assert.Contains("width 12", ex.Message);
        Assert.Throws<ArgumentException>(() => mha.forward(zeros(2, 5), zeros(2, 5, 16), zeros(2, 5, 16), null));
        Assert.Throws<ArgumentException>(() => mha.forward(zeros(2, 5, 16), zeros(3, 5, 16), zeros(3, 5, 16), null));
        Assert.Throws<ArgumentException>(() => mha.forward(zeros(2, 5, 16), zeros(2, 5, 16), zeros(2, 4, 16), null));
        Assert.Throws<ArgumentException>(() => mha.forward(zeros(2, 0, 16), zeros(2, 5, 16), zeros(2, 5, 16), null));
        Assert.Throws<ArgumentException>(() => mha.forward(zeros(2, 5, 16, dtype: ScalarType.Float64), zeros(2, 5, 16), zeros(2, 5, 16), null));
    }

    [Fact]
    public void MasksOfTheWrongLengthOrTypeAreRejected()
    {
        using var scope = NewDisposeScope();
        using var mha = Favor();
        var x = zeros(2, 5, 16);
        var ex = Assert.Throws<ArgumentException>(() => mha.forward(x, x, x, zeros(2, 4, dtype: ScalarType.Bool)));
        Assert.Contains("[2, 5]", ex.Message);
        Assert.Throws<ArgumentException>(() => mha.forward(x, x, x, zeros(2, 5)));
        Assert.Throws<ArgumentException>(() => ExactAttention.Forward(zeros(2, 2, 5, 8), zeros(2, 2, 5, 8), zeros(2, 2, 5, 8), zeros(1, 5, dtype: ScalarType.Bool), false));
    }

    [Fact]
    public void NonFiniteInputsAreRejected()
    {
        using var scope = NewDisposeScope();
        using var mha = Favor();
        var x = zeros(1, 4, 16);
        var bad = x.clone();
        bad[0, 2, 3] = tensor(float.NaN);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => mha.forward(bad, x, x, null)).Message);
        bad[0, 2, 3] = tensor(float.PositiveInfinity);
        Assert.Throws<ArgumentException>(() => mha.forward(x, bad, bad, null));
    }

    [Fact]
    public void BadConfigurationsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiheadAttention(16, 2, new AttentionConfig { NumFeatures = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiheadAttention(16, 2, new AttentionConfig { NumFeatures = -3 }));
        Assert.Throws<ArgumentException>(() => new MultiheadAttention(16, 3, new AttentionConfig()));
        Assert.Throws<ArgumentException>(() => new MultiheadAttention(16, 2, new AttentionConfig { FeatureMap = FeatureMapKind.Relu }));
        Assert.Throws<ArgumentException>(() => new MultiheadAttention(16, 2, new AttentionConfig { Mechanism = AttentionMechanism.Generalized, FeatureMap = FeatureMapKind.Custom }));
        Assert.Throws<ArgumentOutOfRangeException>(() => RedrawPolicy.EveryNSteps(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerformerLM(new PerformerConfig { VocabSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerformerLM(new PerformerConfig { VocabSize = 5, Dim = 16, Heads = 2, Dropout = 1.5 }));
    }

    [Fact]
    public void CausalAndStateMisuseIsRejected()
    {
        using var scope = NewDisposeScope();
        using var causal = Favor(causal: true);
        Assert.Throws<ArgumentException>(() => causal.forward(zeros(1, 4, 16), zeros(1, 6, 16), zeros(1, 6, 16), null));
        var q = rand(1, 2, 5, 4); var v = rand(1, 2, 5, 3);
        var wrong = new CausalState(zeros(1, 2, 4, 2), zeros(1, 2, 4));
        Assert.Throws<ArgumentException>(() => FavorFunctional.CausalWithState(q, q, v, wrong));
        Assert.Throws<ArgumentException>(() => FavorFunctional.CausalWithState(q, rand(1, 2, 6, 4), rand(1, 2, 6, 3), null));

        using var lm = new PerformerLM(new PerformerConfig { VocabSize = 5, Dim = 16, Heads = 2, Depth = 1, MaxLength = 8, Causal = true, Attention = new AttentionConfig { NumFeatures = 4 } });
        Assert.Throws<ArgumentException>(() => lm.forward(tensor(new long[] { 0, 1, 9 }).unsqueeze(0), null));
        Assert.Throws<ArgumentException>(() => lm.forward(zeros(1, 9, dtype: ScalarType.Int64), null));
        Assert.Throws<ArgumentException>(() => lm.forward(zeros(1, 3), null));
        Assert.Throws<ArgumentOutOfRangeException>(() => lm.Embed(zeros(1, 3, dtype: ScalarType.Int64), -1));

        using var bidirectional = new PerformerLM(new PerformerConfig { VocabSize = 5, Dim = 16, Heads = 2, Depth = 1, MaxLength = 8, Attention = new AttentionConfig { NumFeatures = 4 } });
        Assert.Throws<InvalidOperationException>(() => bidirectional.Layers[0].ForwardSlice(zeros(1, 3, 16), 0, null, null));
    }
}
