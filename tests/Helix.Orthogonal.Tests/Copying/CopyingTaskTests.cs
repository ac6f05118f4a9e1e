using Helix.Core;
using static TorchSharp.torch;

namespace Helix.Orthogonal.Tests.Copying;

public class CopyingTaskTests
{
    [Fact]
    public void BatchesFollowTheTaskLayout()
    {
        var b = CopyingTask.Generate(4, 7, new SplitMix64(3));
        Assert.Equal(27, b.Length);
        for (int r = 0; r < 4; r++)
        {
            var input = b.Inputs.AsSpan(r * 27, 27);
            var target = b.Targets.AsSpan(r * 27, 27);
            for (int i = 0; i < 10; i++)
            {
                Assert.InRange(input[i], 1, 8);
                Assert.Equal(input[i], target[17 + i]);
            }
            for (int i = 10; i < 27; i++) Assert.Equal(i == 16 ? 9 : 0, input[i]);
            for (int i = 0; i < 17; i++) Assert.Equal(0, target[i]);
        }
        Assert.Equal(10 * Math.Log(8) / 27, CopyingTask.MemorylessLoss(7), 15);
        Assert.Equal(b.Inputs, CopyingTask.Generate(4, 7, new SplitMix64(3)).Inputs);
    }

    [Fact]
    public void MemorylessPredictorScoresTheBaseline()
    {
        using var _ = NewDisposeScope();
        const int delay = 30;
        var (_, targets) = CopyingTask.ToTensors(CopyingTask.Generate(64, delay, new SplitMix64(1)));
        // blank with certainty for T + 10 steps, then uniform over the 8 data symbols
        var logits = full(new long[] { 64, delay + 20, 9 }, -1e9, dtype: ScalarType.Float64);
        logits[.., ..(delay + 10), 0] = tensor(0.0, dtype: ScalarType.Float64);
        logits[.., (delay + 10).., 1..] = tensor(0.0, dtype: ScalarType.Float64);
        Assert.Equal(CopyingTask.MemorylessLoss(delay), CopyingTask.Loss(logits, targets).item<double>(), 9);
    }

    [Fact]
    public void TinyCopyingTaskIsLearnedBelowTheMemorylessBaseline()
    {
        const int delay = 10;
        random.manual_seed(1);
        using var rnn = new OrthogonalRnn(CopyingTask.Vocab, 64, CopyingTask.Classes, seed: 2);
        using var adam = optim.Adam(rnn.parameters(), 3e-3);
        var rng = new SplitMix64(7);
        double baseline = CopyingTask.MemorylessLoss(delay), loss = double.NaN;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        int step;
        for (step = 0; step < 1500; step++)
        {
            using var s = NewDisposeScope();
            var (x, y) = CopyingTask.ToTensors(CopyingTask.Generate(32, delay, rng));
            adam.zero_grad();
            var l = CopyingTask.Loss(rnn.call(x), y);
            l.backward();
            adam.step();
            if (step % 50 == 49)
            {
                using var ng = no_grad();
                var (vx, vy) = CopyingTask.ToTensors(CopyingTask.Generate(256, delay, new SplitMix64(99)));
                loss = CopyingTask.Loss(rnn.call(vx), vy).item<float>();
                if (loss < 0.5 * baseline) break;
            }
        }
        Console.WriteLine($"copying T={delay}: loss {loss:F4} vs memoryless {baseline:F4} after {step + 1} steps, {sw.Elapsed.TotalSeconds:F1} s");
        Assert.True(loss < 0.5 * baseline, $"loss {loss} vs memoryless {baseline}");
        Assert.True(OrthogonalMaps.OrthogonalityError(rnn.Recurrent.Weight.detach()) < 1e-5);
    }
}
