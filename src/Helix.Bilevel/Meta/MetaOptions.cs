using Helix.Bilevel.Estimators;
using Helix.Core;

namespace Helix.Bilevel.Meta;

/// <summary>How episodes are drawn and how the meta-gradient is estimated.</summary>
public sealed record MetaOptions : IValidatable<MetaOptions>
{
    /// <summary>The hypergradient estimator.</summary>
    public EstimatorSpec Estimator { get; init; } = new(EstimatorKind.Fom);
    /// <summary>N: classes per episode.</summary>
    public int Ways { get; init; } = 5;
    /// <summary>K: support drawings per class.</summary>
    public int Shots { get; init; } = 1;
    /// <summary>Query drawings per class (the test loss's data).</summary>
    public int Queries { get; init; } = 5;
    /// <summary>r: inner SGD steps during meta-training.</summary>
    public int InnerSteps { get; init; } = 5;
    /// <summary>α: the inner SGD step size.</summary>
    public double InnerStepSize { get; init; } = 0.4;
    /// <summary>Inner steps when evaluating (null: <see cref="InnerSteps"/>).</summary>
    public int? EvalInnerSteps { get; init; }
    /// <summary>Episodes per meta-step.</summary>
    public int MetaBatch { get; init; } = 4;
    /// <summary>For <c>ufom:auto</c>: the lower bound on q.</summary>
    public double MinProbability { get; init; } = 0.05;
    /// <summary>Count 90° rotations of a character as new classes.</summary>
    public bool Rotations { get; init; } = true;

    /// <summary>The training inner loop.</summary>
    public InnerLoop Loop => new(InnerSteps, InnerStepSize);
    /// <summary>The evaluation inner loop.</summary>
    public InnerLoop EvalLoop => new(EvalInnerSteps ?? InnerSteps, InnerStepSize);

    /// <inheritdoc/>
    public MetaOptions Validate()
    {
        Estimator.Validate(nameof(Estimator));
        if (Ways < 2) throw new InvalidOptionException(nameof(Ways), $"an episode needs at least 2 ways, got {Ways}");
        if (Shots < 1) throw new InvalidOptionException(nameof(Shots), $"an episode needs at least 1 shot, got {Shots}");
        if (Queries < 1) throw new InvalidOptionException(nameof(Queries), $"an episode needs at least 1 query per class, got {Queries}");
        if (InnerSteps < 1) throw new InvalidOptionException(nameof(InnerSteps), $"the inner loop needs at least 1 step, got {InnerSteps}");
        if (EvalInnerSteps is < 1) throw new InvalidOptionException(nameof(EvalInnerSteps), $"the evaluation inner loop needs at least 1 step, got {EvalInnerSteps}");
        Check.Positive(InnerStepSize, nameof(InnerStepSize));
        if (MetaBatch < 1) throw new InvalidOptionException(nameof(MetaBatch), $"a meta-batch needs at least 1 episode, got {MetaBatch}");
        if (!(MinProbability > 0 && MinProbability <= 1)) throw new InvalidOptionException(nameof(MinProbability), $"must be in (0, 1], got {MinProbability}");
        return this;
    }
}
