using Helix.Core;

namespace Helix.Bilevel.Estimators;

/// <summary>The inner loop: <see cref="Steps"/> (r) plain SGD steps with step size <see cref="StepSize"/> (α).</summary>
/// <param name="Steps">r ≥ 1.</param>
/// <param name="StepSize">α &gt; 0.</param>
public sealed record InnerLoop(int Steps, double StepSize)
{
    /// <summary>Throws <see cref="InvalidOptionException"/> when r &lt; 1 or α is not a positive number.</summary>
    public InnerLoop Validate()
    {
        if (Steps < 1) throw new InvalidOptionException(nameof(Steps), $"the inner loop needs at least 1 step, got {Steps}");
        Check.Positive(StepSize, nameof(StepSize));
        return this;
    }
}
