namespace Helix.Training;

/// <summary>
/// Computes the loss and counts for one batch. Runs inside the trainer's dispose scope: tensors made here are freed
/// after the step. <paramref name="training"/> is false during validation (the model is in eval mode, no grad).
/// </summary>
public delegate BatchResult BatchLoss<in TBatch>(TBatch batch, bool training);
