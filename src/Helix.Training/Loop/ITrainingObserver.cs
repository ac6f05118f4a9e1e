namespace Helix.Training;

/// <summary>
/// Watches a <see cref="Trainer{TBatch}"/>'s loop: the trainer's own validation, metrics log, progress and
/// checkpoints are observers, and a host adds its own with <see cref="Trainer{TBatch}.Use"/> (for example a plot of
/// the curves). Observers run on the training thread, in the order they were added, after the built-in ones; they
/// must not change the model or draw from libtorch's generator, or a resumed run would no longer repeat an
/// uninterrupted one.
/// </summary>
public interface ITrainingObserver
{
    /// <summary>Called after each optimizer step.</summary>
    void OnStep(TrainingStepResult step) { }

    /// <summary>Called after each validation pass (during the loop and the final one), after the metrics log has it.</summary>
    void OnValidation(ValidationResult validation) { }

    /// <summary>Called once when the loop ends, after the final validation and checkpoint.</summary>
    /// <param name="finalStep">The last step done.</param>
    /// <param name="stoppedEarly">True when the run stopped before its step budget (time limit, stop-after step, cancellation).</param>
    void OnRunEnded(long finalStep, bool stoppedEarly) { }
}
