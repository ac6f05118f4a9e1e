using Helix.Core;
using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// The copying task (Hochreiter &amp; Schmidhuber; Arjovsky et al.): read 10 symbols from {1..8}, wait T − 1 blanks,
/// see the delimiter 9, then output the 10 symbols during the last 10 of T + 20 steps (blank 0 elsewhere). A
/// memoryless model that outputs blanks and then guesses uniformly gets the cross entropy 10·ln 8 / (T + 20).
/// </summary>
public static class CopyingTask
{
    /// <summary>Symbols to remember.</summary>
    public const int Symbols = 10;
    /// <summary>Input alphabet: blank, 8 data symbols, delimiter.</summary>
    public const int Vocab = 10;
    /// <summary>Output classes: blank and the 8 data symbols.</summary>
    public const int Classes = 9;
    /// <summary>The delimiter symbol.</summary>
    public const int Delimiter = 9;

    /// <summary>Sequence length T + 20 for delay T.</summary>
    public static int Length(int delay) => delay + 2 * Symbols;

    /// <summary>The memoryless baseline cross entropy 10·ln 8 / (T + 20) (nats per step).</summary>
    public static double MemorylessLoss(int delay) => Symbols * Math.Log(8) / Length(delay);

    /// <summary>Draws a batch from <paramref name="rng"/>.</summary>
    public static CopyingBatch Generate(int batch, int delay, SplitMix64 rng)
    {
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must be ≥ 1");
        if (delay < 1) throw new ArgumentOutOfRangeException(nameof(delay), delay, "delay T must be ≥ 1");
        int length = Length(delay);
        var inputs = new long[batch * length];
        var targets = new long[batch * length];
        for (int b = 0; b < batch; b++)
        {
            int row = b * length;
            for (int i = 0; i < Symbols; i++)
            {
                long s = 1 + rng.NextInt(8);
                inputs[row + i] = s;
                targets[row + length - Symbols + i] = s;
            }
            inputs[row + delay + Symbols - 1] = Delimiter;
        }
        return new CopyingBatch(inputs, targets, batch, length);
    }

    /// <summary>The batch as int64 tensors (B, T + 20): (inputs, targets).</summary>
    public static (Tensor Inputs, Tensor Targets) ToTensors(CopyingBatch batch) =>
        (tensor(batch.Inputs, [batch.Batch, batch.Length]), tensor(batch.Targets, [batch.Batch, batch.Length]));

    /// <summary>Mean cross entropy per step of <paramref name="logits"/> (B, T + 20, C) against the targets.</summary>
    public static Tensor Loss(Tensor logits, Tensor targets) =>
        nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), targets.reshape(-1));
}
