using Helix.Core;
using static TorchSharp.torch;

namespace Helix.Orthogonal.Tests.Copying;

public class CopyingFlowTests
{
    [Fact]
    public void FlowRnnComputesTheOrthogonalRnnsFunction()
    {
        using var _ = NewDisposeScope();
        using var flowRnn = new FlowRnn(CopyingTask.Vocab, 12, CopyingTask.Classes, seed: 3);
        using var rnn = new OrthogonalRnn(CopyingTask.Vocab, 12, CopyingTask.Classes, OrthogonalMapKind.Cwy, seed: 3, init: RecurrentInit.Rotations);
        var (x, _) = CopyingTask.ToTensors(CopyingTask.Generate(4, 6, new SplitMix64(1)));
        Assert.True(TestTensors.MaxAbs(flowRnn.call(x), rnn.call(x)) < 1e-5);
        Assert.Equal(flowRnn.ParameterCount - 12 * 12, flowRnn.OtherParameters().Sum(p => p.numel()));
        Assert.DoesNotContain(flowRnn.OtherParameters(), p => p.Handle == flowRnn.Recurrent.Handle);
    }

    [Theory]
    [InlineData("givens", 0.05)]
    [InlineData("expm", 0.01)]
    [InlineData("cwy-adam", 0.01)]
    public void OrthogonalOptimizersTrainTheRecurrentMatrix(string optimizer, double lr)
    {
        var options = new CopyingOptions { Delay = 5, Hidden = 10, BatchSize = 16, Steps = 60, EvaluateEvery = 20, EvaluationBatch = 64, LearningRate = 3e-3, Seed = 2 };
        var r = CopyingFlowTraining.Run(options, optimizer, lr);
        Assert.Equal(60, r.Steps);
        Assert.Equal(3, r.Evaluations.Count);
        Assert.True(r.OrthogonalityError < 1e-5, $"{optimizer}: |QᵀQ − I| = {r.OrthogonalityError}");
        Assert.True(r.FinalLoss < 1.6, $"{optimizer}: held-out loss {r.FinalLoss} (it starts at ln 9 ≈ 2.2)");
        // the same seed gives the same run
        var again = CopyingFlowTraining.Run(options, optimizer, lr);
        // the orthogonal optimizer's steps matter: another rate for Q gives another run
        Assert.NotEqual(r.FinalLoss, CopyingFlowTraining.Run(options, optimizer, 4 * lr).FinalLoss);
        Assert.True(r.FinalLoss == again.FinalLoss, $"{optimizer}: {r.FinalLoss} then {again.FinalLoss}; evaluations {string.Join(", ", r.Evaluations.Select(e => e.Loss))} then {string.Join(", ", again.Evaluations.Select(e => e.Loss))}");
    }
}
