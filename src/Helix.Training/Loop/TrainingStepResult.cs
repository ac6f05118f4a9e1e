namespace Helix.Training;

/// <summary>What one optimizer step did, as the loop hands it to its observers.</summary>
/// <param name="Step">The step's number (1-based, counted across resumes).</param>
/// <param name="TotalSteps">Steps in the full run.</param>
/// <param name="Loss">Training loss of this step.</param>
/// <param name="Accuracy">Training accuracy of this step (correct / targets; 0 when there were no targets).</param>
/// <param name="SmoothedLoss">Exponential moving average of the training loss (continued across resumes).</param>
/// <param name="SmoothedAccuracy">Exponential moving average of the training accuracy.</param>
/// <param name="LearningRate">Learning rate used for this step.</param>
/// <param name="TokensSeen">Training tokens so far, across resumes.</param>
/// <param name="TokensPerSecond">Training throughput since this process started training (step time only).</param>
/// <param name="Elapsed">Wall time so far, across resumes.</param>
/// <param name="Eta">Estimated wall time to <paramref name="TotalSteps"/>.</param>
public sealed record TrainingStepResult(long Step, long TotalSteps, double Loss, double Accuracy, double SmoothedLoss,
    double SmoothedAccuracy, double LearningRate, long TokensSeen, double TokensPerSecond, TimeSpan Elapsed, TimeSpan Eta);
