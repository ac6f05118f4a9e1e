using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Slim;

/// <summary>
/// A batch for next-token training: <see cref="Inputs"/> [B,L] int64 token ids, <see cref="Targets"/> [B,L] int64
/// (the token each position must predict, or <see cref="IgnoreIndex"/> where no loss is taken), and an optional
/// <see cref="KeyPaddingMask"/> [B,L] bool, true = padding (as in PyTorch). The batch does not own the tensors.
/// </summary>
public sealed record CausalLmBatch
{
    /// <summary>Target value that takes no loss (PyTorch's default ignore index).</summary>
    public const long IgnoreIndex = -100;

    /// <summary>Token ids [B,L].</summary>
    public Tensor Inputs { get; }

    /// <summary>Next-token targets [B,L]; <see cref="IgnoreIndex"/> takes no loss.</summary>
    public Tensor Targets { get; }

    /// <summary>True at padding positions [B,L], or null.</summary>
    public Tensor? KeyPaddingMask { get; }

    /// <summary>Sequence length L.</summary>
    public long Length => Inputs.shape[1];

    /// <summary>Checks shapes and types so no native call ever sees a bad batch.</summary>
    public CausalLmBatch(Tensor inputs, Tensor targets, Tensor? keyPaddingMask = null)
    {
        if (inputs.dim() != 2 || inputs.dtype != ScalarType.Int64)
            throw new ArgumentException($"inputs must be an int64 tensor [batch, length]; got {inputs.dtype} of shape [{string.Join(", ", inputs.shape)}].", nameof(inputs));
        if (inputs.shape[0] < 1 || inputs.shape[1] < 1)
            throw new ArgumentException($"inputs [batch, length] = [{string.Join(", ", inputs.shape)}] is empty: each sequence needs at least one token.", nameof(inputs));
        if (targets.dtype != ScalarType.Int64 || !targets.shape.SequenceEqual(inputs.shape))
            throw new ArgumentException($"targets must be int64 with the shape of inputs [{string.Join(", ", inputs.shape)}]; got {targets.dtype} [{string.Join(", ", targets.shape)}].", nameof(targets));
        if (keyPaddingMask is not null && (keyPaddingMask.dtype != ScalarType.Bool || !keyPaddingMask.shape.SequenceEqual(inputs.shape)))
            throw new ArgumentException($"keyPaddingMask must be bool with the shape of inputs [{string.Join(", ", inputs.shape)}]; got {keyPaddingMask.dtype} [{string.Join(", ", keyPaddingMask.shape)}].", nameof(keyPaddingMask));
        Inputs = inputs;
        Targets = targets;
        KeyPaddingMask = keyPaddingMask;
    }

    /// <summary>
    /// Next-token batch from whole sequences [B,L+1]: inputs are tokens 0..L-1, targets tokens 1..L; no loss is taken
    /// where the target is padding. The result's tensors are new and belong to the caller's dispose scope.
    /// </summary>
    public static CausalLmBatch FromSequences(Tensor tokens, Tensor? paddingMask = null)
    {
        if (tokens.dim() != 2 || tokens.dtype != ScalarType.Int64)
            throw new ArgumentException($"tokens must be an int64 tensor [batch, length]; got {tokens.dtype} of shape [{string.Join(", ", tokens.shape)}].", nameof(tokens));
        if (tokens.shape[1] < 2)
            throw new ArgumentException($"sequences of {tokens.shape[1]} token(s) are too short for next-token training: each needs at least 2 (one input, one target).", nameof(tokens));
        if (paddingMask is not null && (paddingMask.dtype != ScalarType.Bool || !paddingMask.shape.SequenceEqual(tokens.shape)))
            throw new ArgumentException($"paddingMask must be bool with the shape of tokens [{string.Join(", ", tokens.shape)}].", nameof(paddingMask));
        long l = tokens.shape[1] - 1;
        var inputs = tokens.narrow(1, 0, l);
        var targets = tokens.narrow(1, 1, l);
        if (paddingMask is null) return new(inputs, targets);
        targets = targets.masked_fill(paddingMask.narrow(1, 1, l), IgnoreIndex);
        return new(inputs, targets, paddingMask.narrow(1, 0, l));
    }

    /// <summary>Number of target tokens that take a loss.</summary>
    public long CountTargets()
    {
        using var _ = torch.NewDisposeScope();
        return Targets.ne(IgnoreIndex).sum().item<long>();
    }
}
