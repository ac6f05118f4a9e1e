namespace Helix.Training;

/// <summary>
/// Turns the loop's events into <see cref="TrainingProgress"/> reports: one per step, carrying the validation when
/// one runs at that step (such a step's report waits for it), and one for a final validation after the last step.
/// </summary>
internal sealed class ProgressObserver(IProgress<TrainingProgress> progress, Func<long, bool> validatesAt) : ITrainingObserver
{
    TrainingStepResult? _last;
    bool _waiting;

    public void OnStep(TrainingStepResult s)
    {
        _last = s;
        _waiting = validatesAt(s.Step);
        if (!_waiting) Report(s, null);
    }

    public void OnValidation(ValidationResult v)
    {
        if (_waiting && _last is { } s && s.Step == v.Step)
        {
            _waiting = false;
            Report(s, v);
            return;
        }
        // The final validation, after the last step's report.
        var l = _last;
        progress.Report(new TrainingProgress(v.Step, l?.TotalSteps ?? v.Step, l?.Loss ?? double.NaN, double.NaN,
            l?.SmoothedLoss ?? double.NaN, l?.SmoothedAccuracy ?? double.NaN, l?.LearningRate ?? double.NaN,
            l?.TokensPerSecond ?? 0, l?.Elapsed ?? TimeSpan.Zero, TimeSpan.Zero, v));
    }

    public void OnRunEnded(long finalStep, bool stoppedEarly)
    {
        if (_waiting && _last is { } s) Report(s, null);
        _waiting = false;
    }

    void Report(TrainingStepResult s, ValidationResult? v) =>
        progress.Report(new TrainingProgress(s.Step, s.TotalSteps, s.Loss, s.Accuracy, s.SmoothedLoss, s.SmoothedAccuracy,
            s.LearningRate, s.TokensPerSecond, s.Elapsed, s.Eta, v));
}
