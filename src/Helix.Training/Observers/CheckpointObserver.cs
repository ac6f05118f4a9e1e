namespace Helix.Training;

/// <summary>Writes a checkpoint every <c>every</c> steps (0: only at the end) and at the end of a run that did any
/// step since the last one, so an interrupted run loses at most <c>every</c> steps.</summary>
internal sealed class CheckpointObserver(Action write, long every, long startStep) : ITrainingObserver
{
    long _lastWritten = -1;

    public void OnStep(TrainingStepResult step)
    {
        if (every > 0 && step.Step % every == 0) Write(step.Step);
    }

    public void OnRunEnded(long finalStep, bool stoppedEarly)
    {
        if (_lastWritten != finalStep && finalStep > startStep) Write(finalStep);
    }

    void Write(long step)
    {
        write();
        _lastWritten = step;
    }
}
