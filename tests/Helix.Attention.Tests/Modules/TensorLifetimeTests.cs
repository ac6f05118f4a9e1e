using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Modules;

/// <summary>
/// Every tensor a module call creates must belong to the caller's dispose scope: after the scope ends, the live tensor
/// count is back where it was. A tensor that escapes is freed only by the finalizer, so memory grows with the number
/// of calls (SLiM makes one call per slice).
/// </summary>
public class TensorLifetimeTests
{
    static PerformerConfig SmallCausal(PositionKind position) => new()
    {
        VocabSize = 23, Dim = 16, Depth = 2, Heads = 2, Dropout = 0.1, MaxLength = 64, Position = position, Causal = true,
        Attention = new AttentionConfig { NumFeatures = 8, Seed = 5 },
    };

    public static TheoryData<PositionKind, bool> Cases()
    {
        var data = new TheoryData<PositionKind, bool>();
        foreach (var position in new[] { PositionKind.Learned, PositionKind.Sinusoidal, PositionKind.Rotary })
        foreach (var grad in new[] { false, true })
            data.Add(position, grad);
        return data;
    }

    /// <summary>Runs <paramref name="call"/> inside a dispose scope and returns how many tensors it left alive after the scope.</summary>
    static long Escaped(Action call)
    {
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (NewDisposeScope()) call();
        return DisposeScopeManager.Statistics.ThreadTotalLiveCount - before;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ModuleCallsLeaveNoTensorBehind(PositionKind position, bool grad)
    {
        manual_seed(7);
        using var lm = new PerformerLM(SmallCausal(position));
        lm.train();
        using var tokens = randint(0, 23, new long[] { 2, 24 }, generator: new Generator(4, CPU));
        using var mask = zeros(new long[] { 2, 24 }, dtype: ScalarType.Bool);
        using var gradMode = grad ? enable_grad() : no_grad();
        var layer = lm.Layers[0];
        using var x = lm.Embed(tokens, 0).detach();

        Assert.Equal(0, Escaped(() => lm.forward(tokens, null)));
        Assert.Equal(0, Escaped(() => lm.call(tokens, mask)));
        Assert.Equal(0, Escaped(() => lm.Hidden(tokens, mask)));
        Assert.Equal(0, Escaped(() => layer.Attention.call(x, x, x, mask)));
        Assert.Equal(0, Escaped(() => layer.call(x, null)));
        Assert.Equal(0, Escaped(() =>
        {
            var (_, state) = layer.ForwardSlice(x.narrow(1, 0, 10), 0, null, null);
            layer.ForwardSlice(x.narrow(1, 10, 14), 10, state, null);
        }));
        Assert.Equal(0, Escaped(() => layer.SliceContribution(x, 3, mask)));
        Assert.Equal(0, Escaped(() => lm.Head(lm.Embed(tokens, 0))));
    }
}
