namespace Helix.Attention.Slim;

/// <summary>What one training step computed.</summary>
/// <param name="Loss">Mean cross-entropy over all target tokens of the batch (the same number in every memory mode).</param>
/// <param name="Correct">Target tokens whose most likely prediction was right (for accuracy).</param>
/// <param name="TargetTokens">Number of tokens the loss averages over (targets not equal to the ignore index).</param>
/// <param name="Slices">Slices per sequence (1 in full mode).</param>
/// <param name="StateDrift">
/// Rebuilding by subtraction ends at the first slice, whose true starting state is zero: the largest |rebuilt value|
/// there over the largest |state| seen, i.e. the relative round-off the subtraction accumulated. 0 when not measured.
/// </param>
public sealed record SlimStats(double Loss, long Correct, long TargetTokens, int Slices, double StateDrift);
