using Helix.LanguageModels.Data;

namespace Helix.LanguageModels.Jobs;

/// <summary>What an <see cref="LmTrainingJob"/> run did (also written to <see cref="LmTrainingOptions.ReportPath"/>).</summary>
/// <param name="Memory">The memory mode of this run (<c>full</c> or <c>chunked:C</c>).</param>
/// <param name="Tokens">The token kind.</param>
/// <param name="Model">The model shape (the checkpoint's, when resumed).</param>
/// <param name="Parameters">Trainable parameters.</param>
/// <param name="StartStep">Step the run started from.</param>
/// <param name="FinalStep">Last step done.</param>
/// <param name="Losses">Training loss of each step of this run.</param>
/// <param name="ValidationLoss">Last validation loss (null without validation data).</param>
/// <param name="ValidationPerplexity">exp of <paramref name="ValidationLoss"/>.</param>
/// <param name="TokensPerSecond">Training throughput of this run.</param>
/// <param name="ElapsedSeconds">Training time across resumes.</param>
/// <param name="StoppedEarly">True when stopped by the time limit or the stop-after step (the checkpoint resumes it).</param>
/// <param name="CheckpointPath">The checkpoint.</param>
/// <param name="MetricsPath">The JSONL metrics log.</param>
public sealed record LmTrainingResult(string Memory, LmTokens Tokens, LmModelConfig Model, long Parameters, long StartStep,
    long FinalStep, IReadOnlyList<double> Losses, double? ValidationLoss, double? ValidationPerplexity, double TokensPerSecond,
    double ElapsedSeconds, bool StoppedEarly, string CheckpointPath, string MetricsPath)
{
    /// <summary>Training loss of the last step of this run (null when it did none).</summary>
    public double? FinalTrainLoss => Losses.Count > 0 ? Losses[^1] : null;
}
