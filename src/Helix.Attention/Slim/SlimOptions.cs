namespace Helix.Attention.Slim;

/// <summary>Options for one SLiM training step.</summary>
/// <param name="ChunkSize">Tokens per slice C (≥ 1). Need not divide L; C ≥ L is one slice.</param>
/// <param name="Recovery">How starting states are rebuilt in the reverse pass.</param>
/// <param name="DropoutSeed">Seed for the step's random draws (dropout), replayed slice by slice in both passes; null draws one from torch's generator. Only used when the model is stochastic.</param>
public sealed record SlimOptions(int ChunkSize, StateRecovery Recovery = StateRecovery.Subtract, long? DropoutSeed = null);
