using Helix.Training;

namespace Helix.Plots;

/// <summary>
/// A trainer observer that redraws the curves PNG from the run's metrics log at each validation and at the end of
/// the run. Attach it with <see cref="Trainer{TBatch}.Use"/> (or pass it to a job that takes observers); the trainer
/// must write <paramref name="metricsPath"/> (<see cref="TrainingOptions.MetricsPath"/>), which holds the records
/// of earlier, resumed parts of the run too.
/// </summary>
/// <param name="metricsPath">The run's JSONL metrics log.</param>
/// <param name="plotPath">The PNG to (re)write.</param>
/// <param name="title">Prefix of the panel titles.</param>
public sealed class TrainingCurvesWriter(string metricsPath, string plotPath, string title = "training") : ITrainingObserver
{
    /// <summary>The PNG this observer writes.</summary>
    public string PlotPath { get; } = plotPath;

    /// <inheritdoc/>
    public void OnValidation(ValidationResult validation) => Draw();

    /// <inheritdoc/>
    public void OnRunEnded(long finalStep, bool stoppedEarly) => Draw();

    /// <summary>Draws the curves now (nothing when the log does not exist yet).</summary>
    public void Draw()
    {
        if (File.Exists(metricsPath)) TrainingCurvePlot.Save(PlotPath, MetricsLog.Read(metricsPath), title);
    }
}
