using Helix.Attention.Slim;
using Helix.LanguageModels.Batching;
using Helix.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.LanguageModels.Jobs;

/// <summary>The next-token loss of one batch through SLiM in the chosen memory mode.</summary>
internal static class LmObjective
{
    /// <summary>When training, SLiM fills the gradients (slice by slice when chunked) and the trainer gets the loss value.</summary>
    public static BatchResult Loss(PerformerLmSlices model, MemoryMode memory, LmBatch b, bool training)
    {
        var tokens = torch.tensor(b.Tokens, dtype: ScalarType.Int64).reshape(b.Rows, b.Width);
        var padding = torch.tensor(b.Padding).reshape(b.Rows, b.Width);
        var batch = CausalLmBatch.FromSequences(tokens, padding);
        long inputs = b.Rows * (long)(b.Width - 1) - batch.KeyPaddingMask!.sum().item<long>();
        if (!training)
        {
            var e = SlimTraining.Evaluate(model, batch, memory);
            return new BatchResult(torch.tensor((float)e.Loss), e.Correct, e.TargetTokens, inputs);
        }
        var stats = SlimTraining.LossAndGradients(model, batch, memory);   // adds to .grad, zeroed by the trainer
        return new BatchResult(torch.tensor((float)stats.Loss), stats.Correct, stats.TargetTokens, inputs, GradientsFilled: true);
    }
}
