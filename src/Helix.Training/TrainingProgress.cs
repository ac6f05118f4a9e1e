namespace Helix.Training;

/// <summary>One progress report from the trainer (after each step, and after each validation).</summary>
/// <param name="Step">Optimizer steps done.</param>
/// <param name="TotalSteps">Steps in the full run.</param>
/// <param name="Loss">Training loss of this step.</param>
/// <param name="Accuracy">Training accuracy of this step (correct / targets).</param>
/// <param name="SmoothedLoss">Exponential moving average of the training loss.</param>
/// <param name="SmoothedAccuracy">Exponential moving average of the training accuracy.</param>
/// <param name="LearningRate">Learning rate used for this step.</param>
/// <param name="TokensPerSecond">Training throughput since this process started training.</param>
/// <param name="Elapsed">Training time so far, across resumes.</param>
/// <param name="Eta">Estimated time to <paramref name="TotalSteps"/> (null before the first step is timed).</param>
/// <param name="Validation">The validation result when this report follows a validation pass, else null.</param>
public sealed record TrainingProgress(long Step, long TotalSteps, double Loss, double Accuracy, double SmoothedLoss,
    double SmoothedAccuracy, double LearningRate, double TokensPerSecond, TimeSpan Elapsed, TimeSpan? Eta,
    ValidationResult? Validation);

/// <summary>Loss and accuracy on the validation batches, weighted by targets.</summary>
public sealed record ValidationResult(long Step, double Loss, double Accuracy, long Targets)
{
    /// <summary>exp(loss): the perplexity when the loss is a mean cross-entropy in nats.</summary>
    public double Perplexity => Math.Exp(Loss);
}

/// <summary>What a training run did.</summary>
/// <param name="StartStep">Step the run started from (0, or the checkpoint's step when resumed).</param>
/// <param name="FinalStep">Last step done.</param>
/// <param name="Losses">Training loss of each step this run did, in order (steps StartStep+1 … FinalStep).</param>
/// <param name="Validations">Validation passes this run did.</param>
/// <param name="Elapsed">Training time across resumes.</param>
/// <param name="TokensPerSecond">Throughput of this run.</param>
/// <param name="StoppedEarly">True when stopped by the time limit, the stop-after step, or cancellation.</param>
public sealed record TrainingResult(long StartStep, long FinalStep, IReadOnlyList<double> Losses,
    IReadOnlyList<ValidationResult> Validations, TimeSpan Elapsed, double TokensPerSecond, bool StoppedEarly);
