namespace Helix.Training;

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
