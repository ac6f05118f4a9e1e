namespace Helix.Training;

/// <summary>Loss and accuracy on the validation batches, weighted by targets.</summary>
/// <param name="Step">The optimizer step after which the validation ran.</param>
/// <param name="Loss">Mean loss per target.</param>
/// <param name="Accuracy">Correct / targets.</param>
/// <param name="Targets">Targets counted.</param>
public sealed record ValidationResult(long Step, double Loss, double Accuracy, long Targets)
{
    /// <summary>exp(loss): the perplexity when the loss is a mean cross-entropy in nats.</summary>
    public double Perplexity => Math.Exp(Loss);
}
