namespace Helix.Training;

/// <summary>
/// The loop's observers in order. A validation that one of them (the validator) runs while a step is being
/// announced reaches every observer after that step's announcement, so each observer sees step s, then the
/// validation at s, then step s + 1.
/// </summary>
internal sealed class ObserverChain
{
    readonly List<ITrainingObserver> _observers = new();
    readonly List<ValidationResult> _queued = new();
    bool _announcingStep;

    /// <summary>Appends <paramref name="observer"/> (null: nothing).</summary>
    public void Add(ITrainingObserver? observer)
    {
        if (observer != null) _observers.Add(observer);
    }

    public void OnStep(TrainingStepResult step)
    {
        _announcingStep = true;
        try
        {
            foreach (var o in _observers) o.OnStep(step);
        }
        finally { _announcingStep = false; }
        foreach (var v in _queued) Broadcast(v);
        _queued.Clear();
    }

    /// <summary>Announces a validation now, or after the step being announced.</summary>
    public void OnValidation(ValidationResult validation)
    {
        if (_announcingStep) _queued.Add(validation);
        else Broadcast(validation);
    }

    public void OnRunEnded(long finalStep, bool stoppedEarly)
    {
        foreach (var o in _observers) o.OnRunEnded(finalStep, stoppedEarly);
    }

    void Broadcast(ValidationResult validation)
    {
        foreach (var o in _observers) o.OnValidation(validation);
    }
}
