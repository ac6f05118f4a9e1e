using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Slim;

/// <summary>
/// One training step's loss and gradients for a causal model, in full mode or in SLiM's chunked mode
/// ("Sub-Linear Memory: How to Make Performers SLiM"). Both modes compute the same loss and the same gradients;
/// chunked mode keeps activation memory O(C) in the sequence length plus one prefix state per layer.
/// </summary>
public static class SlimTraining
{
    /// <summary>
    /// Computes the batch's mean next-token loss and ADDS its gradients to every parameter's <c>.grad</c> (zero them
    /// first, as with <c>backward()</c>). <paramref name="mode"/> picks the full pass or SLiM with chunk size C.
    /// </summary>
    public static SlimStats LossAndGradients(ISliceableCausalModel model, CausalLmBatch batch, MemoryMode mode, long? dropoutSeed = null) =>
        mode.IsChunked
            ? LossAndGradients(model, batch, new SlimOptions(mode.ChunkSize, DropoutSeed: dropoutSeed))
            : FullLossAndGradients(model, batch);

    /// <summary>SLiM's chunked step with explicit options; see <see cref="LossAndGradients(ISliceableCausalModel, CausalLmBatch, MemoryMode, long?)"/>.</summary>
    public static SlimStats LossAndGradients(ISliceableCausalModel model, CausalLmBatch batch, SlimOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        if (options.ChunkSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.ChunkSize, "the chunk size C must be a positive number of tokens (C = 1 gives constant memory).");
        long targets = RequireTargets(batch);
        return new SlimPass(model, batch, options, targets).Run();
    }

    /// <summary>The ordinary step: one graph over the whole sequence, then <c>backward()</c>.</summary>
    public static SlimStats FullLossAndGradients(ISliceableCausalModel model, CausalLmBatch batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        long targets = RequireTargets(batch);
        using var scope = torch.NewDisposeScope();
        var logits = model.Forward(batch.Inputs, batch.KeyPaddingMask);
        var loss = CausalLmLoss.SumOver(logits, batch.Targets, targets);
        loss.backward();
        return new SlimStats(loss.ToDouble(), CausalLmLoss.Correct(logits, batch.Targets), targets, 1, 0);
    }

    /// <summary>Loss and accuracy of a batch without gradients (evaluation), by the full pass or slice by slice in O(C) memory.</summary>
    public static SlimStats Evaluate(ISliceableCausalModel model, CausalLmBatch batch, MemoryMode mode)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        long targets = RequireTargets(batch);
        if (mode.IsChunked) return new SlimPass(model, batch, new SlimOptions(mode.ChunkSize), targets).Evaluate();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var logits = model.Forward(batch.Inputs, batch.KeyPaddingMask);
        return new SlimStats(CausalLmLoss.SumOver(logits, batch.Targets, targets).ToDouble(), CausalLmLoss.Correct(logits, batch.Targets), targets, 1, 0);
    }

    static long RequireTargets(CausalLmBatch batch)
    {
        long n = batch.CountTargets();
        if (n == 0)
            throw new ArgumentException("the batch has no target tokens (every target is padding or the ignore index), so its loss is undefined.", nameof(batch));
        return n;
    }
}
