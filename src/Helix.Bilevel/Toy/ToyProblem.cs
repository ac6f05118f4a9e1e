using Helix.Bilevel.Estimators;

namespace Helix.Bilevel.Toy;

/// <summary>
/// The counterexample of Likhosherstov et al.: a 1-D bilevel problem with two equally likely tasks, both losses
/// f_i(θ) = a_i θ²/2 − b_i θ for |θ| ≤ A and continued linearly beyond (so gradients stay bounded). Train and test
/// losses are the same. With r = 10, α = 0.1, a = (0.5, 1.5), b = (0, 10), A = 400 the first-order estimator's fixed
/// point is 3.3106 while the objective's stationary point is θ* = 1.6328. Everything is closed form in doubles.
/// </summary>
/// <param name="A">Curvatures a_i.</param>
/// <param name="B">Linear coefficients b_i.</param>
/// <param name="Loop">r and α.</param>
/// <param name="Bound">A: where the quadratic turns linear.</param>
public sealed record ToyProblem(double[] A, double[] B, InnerLoop Loop, double Bound)
{
    /// <summary>The paper's instance.</summary>
    public static ToyProblem Paper() => new(new[] { 0.5, 1.5 }, new[] { 0.0, 10.0 }, new InnerLoop(10, 0.1), 400);

    /// <summary>Number of tasks.</summary>
    public int Tasks => A.Length;

    /// <summary>f_i(θ).</summary>
    /// <param name="i">Task.</param>
    /// <param name="theta">θ.</param>
    public double Loss(int i, double theta)
    {
        double x = Math.Abs(theta);
        double quad = x <= Bound ? A[i] * x * x / 2 : A[i] * Bound * (x - Bound / 2);
        return quad - B[i] * theta;
    }

    /// <summary>f_i'(θ).</summary>
    /// <param name="i">Task.</param>
    /// <param name="theta">θ.</param>
    public double Gradient(int i, double theta) => A[i] * Math.Clamp(theta, -Bound, Bound) - B[i];

    /// <summary>f_i''(θ).</summary>
    /// <param name="i">Task.</param>
    /// <param name="theta">θ.</param>
    public double Curvature(int i, double theta) => Math.Abs(theta) < Bound ? A[i] : 0;

    /// <summary>(g_FO, g_exact) of task i at θ.</summary>
    /// <param name="i">Task.</param>
    /// <param name="theta">θ.</param>
    public (double FirstOrder, double Exact) Estimates(int i, double theta)
    {
        double product = 1, t = theta;
        for (int j = 0; j < Loop.Steps; j++)
        {
            product *= 1 - Loop.StepSize * Curvature(i, t);
            t -= Loop.StepSize * Gradient(i, t);
        }
        double g = Gradient(i, t);
        return (g, g * product);
    }

    /// <summary>M(θ) = mean_i f_i(U_r(θ)).</summary>
    /// <param name="theta">θ.</param>
    public double Objective(double theta)
    {
        double s = 0;
        for (int i = 0; i < Tasks; i++)
        {
            double t = theta;
            for (int j = 0; j < Loop.Steps; j++) t -= Loop.StepSize * Gradient(i, t);
            s += Loss(i, t);
        }
        return s / Tasks;
    }

    /// <summary>dM/dθ (the mean exact estimate).</summary>
    /// <param name="theta">θ.</param>
    public double MetaGradient(double theta) => Enumerable.Range(0, Tasks).Average(i => Estimates(i, theta).Exact);

    /// <summary>The mean first-order estimate E[g_FO](θ).</summary>
    /// <param name="theta">θ.</param>
    public double MeanFirstOrder(double theta) => Enumerable.Range(0, Tasks).Average(i => Estimates(i, theta).FirstOrder);

    /// <summary>UFOM's mean over tasks and ξ ~ Bernoulli(q), computed exactly: (1−q)·g_FO + q·(g_FO + (g_exact − g_FO)/q).</summary>
    /// <param name="theta">θ.</param>
    /// <param name="q">q in (0, 1].</param>
    public double MeanUfom(double theta, double q) => Enumerable.Range(0, Tasks).Average(i =>
    {
        var (fo, ex) = Estimates(i, theta);
        return (1 - q) * fo + q * (fo + (ex - fo) / q);
    });

    /// <summary>A root of <paramref name="f"/> in [lo, hi] by bisection (f(lo) and f(hi) must differ in sign).</summary>
    /// <param name="f">The function.</param>
    /// <param name="lo">Left end.</param>
    /// <param name="hi">Right end.</param>
    public static double Root(Func<double, double> f, double lo = -20, double hi = 20)
    {
        double flo = f(lo);
        if (flo * f(hi) > 0) throw new ArgumentException($"no sign change in [{lo}, {hi}]");
        for (int k = 0; k < 200 && hi - lo > 1e-13; k++)
        {
            double mid = (lo + hi) / 2, fm = f(mid);
            if (flo * fm <= 0) hi = mid;
            else { lo = mid; flo = fm; }
        }
        return (lo + hi) / 2;
    }
}
