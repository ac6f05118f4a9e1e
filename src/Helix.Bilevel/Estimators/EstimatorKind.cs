namespace Helix.Bilevel.Estimators;

/// <summary>Which hypergradient estimator a run uses.</summary>
public enum EstimatorKind
{
    /// <summary>The exact gradient (second-order MAML) by reverse accumulation with Hessian-vector products.</summary>
    Exact,
    /// <summary>First-order MAML: the test-loss gradient at the adapted parameters.</summary>
    Fom,
    /// <summary>Unbiased first-order: FOM plus, with probability q, the rescaled exact correction.</summary>
    Ufom,
    /// <summary>UFOM with q chosen adaptively from moving averages of the correction and gradient norms.</summary>
    UfomAuto,
    /// <summary>Reptile: (θ − θ_r) / (α r).</summary>
    Reptile,
}
