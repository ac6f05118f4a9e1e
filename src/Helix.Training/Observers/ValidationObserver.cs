namespace Helix.Training;

/// <summary>
/// Validates every <c>every</c> steps (0: only at the end) and once more at the end unless the last step was just
/// validated; each result goes to every observer of the loop.
/// </summary>
internal sealed class ValidationObserver(Func<long, ValidationResult> evaluate, long every, ObserverChain announce) : ITrainingObserver
{
    readonly List<ValidationResult> _results = new();
    long _lastValidated = -1;

    /// <summary>Validation passes of this run.</summary>
    public IReadOnlyList<ValidationResult> Results => _results;

    /// <summary>True when this observer validates right after step <paramref name="step"/> of the loop.</summary>
    public bool ValidatesAt(long step) => every > 0 && step % every == 0;

    public void OnStep(TrainingStepResult step)
    {
        if (ValidatesAt(step.Step)) Validate(step.Step);
    }

    public void OnRunEnded(long finalStep, bool stoppedEarly)
    {
        if (_lastValidated != finalStep && finalStep > 0) Validate(finalStep);
    }

    void Validate(long step)
    {
        var result = evaluate(step);
        _results.Add(result);
        _lastValidated = step;
        announce.OnValidation(result);
    }
}
