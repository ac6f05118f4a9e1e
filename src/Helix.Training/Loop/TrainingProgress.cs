namespace Helix.Training;

/// <summary>One progress report from the trainer (after each step, and after the final validation).</summary>
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
public readonly record struct TrainingProgress(long Step, long TotalSteps, double Loss, double Accuracy, double SmoothedLoss,
    double SmoothedAccuracy, double LearningRate, double TokensPerSecond, TimeSpan Elapsed, TimeSpan? Eta,
    ValidationResult? Validation);
