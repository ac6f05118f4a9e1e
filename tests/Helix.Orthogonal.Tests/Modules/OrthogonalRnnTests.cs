using static TorchSharp.torch;

namespace Helix.Orthogonal.Tests.Modules;

public class OrthogonalRnnTests
{
    [Fact]
    public void RecurrenceWithZeroBiasPreservesTheHiddenNorm()
    {
        using var _ = NewDisposeScope();
        using var rnn = new OrthogonalRnn(10, 32, 9, seed: 5);
        // Q formed in float64 from the parameters: a float32 Q is orthogonal only to ~1e-7, which 1000 steps amplify
        // to ~1e-4 in the norm (and the exact figure then depends on libtorch's float32 reduction order).
        var w = rnn.Recurrent;
        var q = w.Map.Materialize(w.Original.detach().to_type(ScalarType.Float64), w.Columns);
        var h0 = TestTensors.Randn(3, ScalarType.Float64, 4, 32);
        var h = h0;
        var noInput = zeros(4, 32, dtype: ScalarType.Float64);
        var noBias = zeros(32, dtype: ScalarType.Float64);
        for (int t = 0; t < 1000; t++) h = OrthogonalRnn.Step(q, h, noInput, noBias);
        Assert.True(TestTensors.MaxAbs(h.norm(-1), h0.norm(-1)) < 1e-5 * h0.norm(-1).max().item<double>());
        Assert.True(TestTensors.MaxAbs(h, h0) > 0.1, "the state moved");
        // modReLU with a negative bias can only shrink the state
        var shrunk = OrthogonalRnn.Step(q, h0, noInput, full(32, -0.1, dtype: ScalarType.Float64));
        Assert.True((shrunk.norm(-1) <= h0.norm(-1) + 1e-12).all().item<bool>());
    }

    [Fact]
    public void ForwardShapesAndParameterNames()
    {
        using var _ = NewDisposeScope();
        using var rnn = new OrthogonalRnn(10, 16, 9, seed: 1);
        var tokens = CopyingTask.ToTensors(CopyingTask.Generate(3, 5, new Helix.Core.SplitMix64(1))).Inputs;
        Assert.Equal(new long[] { 3, 25, 9 }, rnn.call(tokens).shape);
        var names = rnn.named_parameters().Select(p => p.name).ToHashSet();
        Assert.Contains("recurrent.original", names);
        Assert.Contains("bias", names);
        Assert.Throws<ArgumentException>(() => rnn.call(zeros(3, 4)));
        using var lstm = new LstmClassifier(10, LstmClassifier.HiddenFor(rnn.ParameterCount, 10, 9), 9);
        Assert.Equal(LstmClassifier.CountFor(10, lstm.Hidden, 9), lstm.ParameterCount);
        Assert.True(lstm.ParameterCount <= rnn.ParameterCount);
        Assert.True(LstmClassifier.CountFor(10, lstm.Hidden + 1, 9) > rnn.ParameterCount);
        Assert.Equal(new long[] { 3, 25, 9 }, lstm.call(tokens).shape);
    }
}
