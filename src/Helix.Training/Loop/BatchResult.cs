using static TorchSharp.torch;

namespace Helix.Training;

/// <summary>What the model's loss function reports for one batch.</summary>
/// <param name="Loss">Scalar loss tensor (mean over the counted targets); the trainer backpropagates it when training.</param>
/// <param name="Correct">Targets predicted correctly (for accuracy).</param>
/// <param name="Targets">Targets counted in <paramref name="Loss"/> (e.g. masked residues, next tokens); weights validation averages.</param>
/// <param name="Tokens">Input tokens processed (for tokens/s), padding excluded.</param>
/// <param name="GradientsFilled">True when the loss function already filled every parameter's .grad (e.g. SLiM's
/// slice-by-slice backward); the trainer then steps on them instead of backpropagating <paramref name="Loss"/>.</param>
public sealed record BatchResult(Tensor Loss, long Correct, long Targets, long Tokens, bool GradientsFilled = false);
