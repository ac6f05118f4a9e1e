namespace Helix.Attention;

/// <summary>When the random projections of FAVOR+ are redrawn.</summary>
public enum RedrawKind
{
    /// <summary>Never redrawn automatically (frozen); <see cref="MultiheadAttention.RedrawProjections"/> still works.</summary>
    Fixed,
    /// <summary>Redrawn by <see cref="PerformerLM.OnTrainingStep"/> every N optimizer steps.</summary>
    EveryNSteps,
    /// <summary>Redrawn at every forward call in training mode.</summary>
    EveryCall,
}

/// <summary>A redraw schedule for random projections: <see cref="Fixed"/>, <see cref="EveryNSteps"/> or <see cref="EveryCall"/>.</summary>
public sealed record RedrawPolicy
{
    RedrawPolicy(RedrawKind kind, int interval) { Kind = kind; Interval = interval; }

    /// <summary>The schedule.</summary>
    public RedrawKind Kind { get; }
    /// <summary>Steps between redraws for <see cref="RedrawKind.EveryNSteps"/>; 0 otherwise.</summary>
    public int Interval { get; }

    /// <summary>Projections never change unless redrawn explicitly.</summary>
    public static RedrawPolicy Fixed { get; } = new(RedrawKind.Fixed, 0);
    /// <summary>Projections are redrawn at every forward call in training mode.</summary>
    public static RedrawPolicy EveryCall { get; } = new(RedrawKind.EveryCall, 0);

    /// <summary>Projections are redrawn when the training step is a positive multiple of <paramref name="steps"/>.</summary>
    public static RedrawPolicy EveryNSteps(int steps) =>
        steps > 0 ? new(RedrawKind.EveryNSteps, steps)
                  : throw new ArgumentOutOfRangeException(nameof(steps), steps, "the redraw interval must be a positive number of steps");

    /// <summary>True when step <paramref name="step"/> (counted from 1) is a redraw step.</summary>
    public bool RedrawsAtStep(long step) => Kind == RedrawKind.EveryNSteps && step > 0 && step % Interval == 0;
}
