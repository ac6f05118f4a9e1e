using Helix.Core;

namespace Helix.Training;

/// <summary>
/// Learning rate that rises linearly from 0 to <see cref="PeakLearningRate"/> over <see cref="WarmupSteps"/>, then
/// follows a half cosine down to <see cref="MinFraction"/> × peak at <see cref="TotalSteps"/>.
/// </summary>
/// <param name="PeakLearningRate">Rate at the end of warmup.</param>
/// <param name="WarmupSteps">Steps of linear warmup (0 for none).</param>
/// <param name="TotalSteps">Steps over which the cosine decays; later steps stay at the floor.</param>
/// <param name="MinFraction">Floor as a fraction of the peak, in [0, 1].</param>
public sealed record WarmupCosineSchedule(double PeakLearningRate, long WarmupSteps, long TotalSteps, double MinFraction = 0.1)
    : IValidatable<WarmupCosineSchedule>
{
    /// <summary>The rate for optimizer step <paramref name="step"/> (1-based: the first update is step 1).</summary>
    public double At(double step)
    {
        if (WarmupSteps > 0 && step <= WarmupSteps) return PeakLearningRate * step / WarmupSteps;
        double span = Math.Max(1, TotalSteps - WarmupSteps);
        double t = Math.Clamp((step - WarmupSteps) / span, 0, 1);
        return PeakLearningRate * (MinFraction + (1 - MinFraction) * 0.5 * (1 + Math.Cos(Math.PI * t)));
    }

    /// <summary>Checks the values; throws <see cref="InvalidOptionException"/> naming the first bad one.</summary>
    public WarmupCosineSchedule Validate()
    {
        Check.That(double.IsFinite(PeakLearningRate) && PeakLearningRate > 0, nameof(PeakLearningRate), $"must be a positive number, got {PeakLearningRate}");
        Check.That(WarmupSteps >= 0, nameof(WarmupSteps), $"must be zero or more, got {WarmupSteps}");
        Check.That(TotalSteps >= 1, nameof(TotalSteps), $"must be at least 1, got {TotalSteps}");
        Check.InRange(MinFraction, 0, 1, nameof(MinFraction));
        return this;
    }
}
