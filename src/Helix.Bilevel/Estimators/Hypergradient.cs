using Helix.Core;
using Helix.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Bilevel.Estimators;

/// <summary>
/// The hypergradient of one task of an approximate bilevel problem, min_θ L_test(U_r(θ)) with U_r = r SGD steps of
/// size α on L_train, by each estimator. The exact gradient is ∏_{j=r−1..0}(I − α∇²L_train(θ_j)) · ∇L_test(θ_r).
/// Every method takes θ as a list of tensors (not modified, no gradient needed) and returns detached tensors.
/// </summary>
public static class Hypergradient
{
    /// <summary>Gradient evaluations of the first-order pass: r inner steps and one test gradient.</summary>
    /// <param name="steps">r.</param>
    public static long FirstOrderCost(int steps) => steps + 1;

    /// <summary>Extra gradient evaluations the exact estimator adds to the first-order pass (an HVP counts as 2).</summary>
    /// <param name="steps">r.</param>
    /// <param name="mode">Recompute (r(r−1)/2 extra inner steps) or store.</param>
    public static long ExactExtraCost(int steps, ExactMode mode) =>
        2L * steps + (mode == ExactMode.Recompute ? (long)steps * (steps - 1) / 2 : 0);

    /// <summary>θ_r: r SGD steps from θ on L_train, no graph kept.</summary>
    /// <param name="theta">θ_0.</param>
    /// <param name="trainLoss">L_train.</param>
    /// <param name="loop">r and α.</param>
    public static Tensor[] Adapt(IReadOnlyList<Tensor> theta, ParameterLoss trainLoss, InnerLoop loop)
    {
        loop.Validate();
        CheckParameters(theta);
        return AdaptSteps(theta, trainLoss, loop.StepSize, loop.Steps);
    }

    /// <summary>First-order MAML: ∇L_test(θ_r).</summary>
    /// <param name="theta">θ_0.</param>
    /// <param name="task">The losses.</param>
    /// <param name="loop">r and α.</param>
    public static TaskGradient FirstOrder(IReadOnlyList<Tensor> theta, BilevelTask task, InnerLoop loop)
    {
        loop.Validate();
        CheckParameters(theta);
        using var scope = NewDisposeScope();
        var thetaR = AdaptSteps(theta, task.TrainLoss, loop.StepSize, loop.Steps);
        var (g, loss) = Gradient(thetaR, task.TestLoss);
        return new TaskGradient(MoveOut(g), null, loss, FirstOrderCost(loop.Steps));
    }

    /// <summary>
    /// The exact hypergradient by reverse accumulation: u ← ∇L_test(θ_r), then u ← u − α·∇²L_train(θ_j)·u for
    /// j = r−1..0. <see cref="ExactMode.Recompute"/> rebuilds each θ_j from θ_0, so at most one inner step's graph
    /// and a few parameter-sized tensors are alive at a time (memory flat in r); <see cref="ExactMode.Store"/> keeps
    /// θ_0..θ_{r−1}. The first-order gradient is returned beside it (<see cref="TaskGradient.FirstOrder"/>).
    /// </summary>
    /// <param name="theta">θ_0.</param>
    /// <param name="task">The losses (twice differentiable).</param>
    /// <param name="loop">r and α.</param>
    /// <param name="mode">Recompute or store the trajectory.</param>
    public static TaskGradient Exact(IReadOnlyList<Tensor> theta, BilevelTask task, InnerLoop loop, ExactMode mode = ExactMode.Recompute)
    {
        loop.Validate();
        CheckParameters(theta);
        double alpha = loop.StepSize;
        int r = loop.Steps;
        using var scope = NewDisposeScope();
        var theta0 = theta.Select(t => t.detach().clone()).ToArray();
        var snapshots = mode == ExactMode.Store ? new List<Tensor[]>(r) : null;
        var cur = theta0;
        for (int j = 0; j < r; j++)
        {
            snapshots?.Add(cur);
            var next = SgdStep(cur, task.TrainLoss, alpha);
            if (snapshots == null && !ReferenceEquals(cur, theta0)) Dispose(cur);
            cur = next;
        }
        var (u, loss) = Gradient(cur, task.TestLoss);
        if (!ReferenceEquals(cur, theta0)) Dispose(cur);
        var firstOrder = u.Select(t => t.clone()).ToArray();
        for (int j = r - 1; j >= 0; j--)
        {
            // Everything made in this iteration (θ_j, H_j·u, temporaries) dies with it, except the new u.
            using var iteration = NewDisposeScope();
            var thetaJ = snapshots != null ? snapshots[j] : AdaptSteps(theta0, task.TrainLoss, alpha, j);
            var hv = HessianVector(thetaJ, task.TrainLoss, u);
            var next = new Tensor[u.Length];
            using var a = alpha.ToScalar();
            for (int i = 0; i < u.Length; i++) next[i] = u[i].sub(hv[i].mul(a));
            Dispose(u);
            u = MoveOut(next);
        }
        return new TaskGradient(MoveOut(u), MoveOut(firstOrder), loss, FirstOrderCost(r) + ExactExtraCost(r, mode));
    }

    /// <summary>Reptile's direction (θ − θ_r) / (α r), with L_test(θ_r) for reporting.</summary>
    /// <param name="theta">θ_0.</param>
    /// <param name="task">The losses (the inner loop uses L_train).</param>
    /// <param name="loop">r and α.</param>
    public static TaskGradient Reptile(IReadOnlyList<Tensor> theta, BilevelTask task, InnerLoop loop)
    {
        loop.Validate();
        CheckParameters(theta);
        using var scope = NewDisposeScope();
        var thetaR = AdaptSteps(theta, task.TrainLoss, loop.StepSize, loop.Steps);
        double loss;
        using (no_grad()) loss = ScalarLoss(task.TestLoss(thetaR)).ToDouble();
        var g = new Tensor[thetaR.Length];
        for (int i = 0; i < g.Length; i++) g[i] = (theta[i].detach() - thetaR[i]) / (loop.StepSize * loop.Steps);
        return new TaskGradient(MoveOut(g), null, loss, loop.Steps + 1);
    }

    /// <summary>
    /// The naive exact reference: unrolls the inner loop with <c>create_graph</c> and backpropagates through all of
    /// it, so memory grows linearly in r. For tests and benchmarks.
    /// </summary>
    /// <param name="theta">θ_0.</param>
    /// <param name="task">The losses (twice differentiable).</param>
    /// <param name="loop">r and α.</param>
    public static TaskGradient Unrolled(IReadOnlyList<Tensor> theta, BilevelTask task, InnerLoop loop)
    {
        loop.Validate();
        CheckParameters(theta);
        using var scope = NewDisposeScope();
        var leaves = theta.Select(t => t.detach().clone().requires_grad_(true)).ToArray();
        Tensor[] cur = leaves;
        for (int j = 0; j < loop.Steps; j++)
        {
            var l = Connected(task.TrainLoss, cur);
            var g = autograd.grad(new[] { l }, cur, create_graph: true, retain_graph: true);
            var next = new Tensor[cur.Length];
            for (int i = 0; i < cur.Length; i++) next[i] = cur[i] - loop.StepSize * g[i];
            cur = next;
        }
        var lt = Connected(task.TestLoss, cur);
        double loss = lt.detach().ToDouble();
        var grads = Detached(autograd.grad(new[] { lt }, leaves));
        return new TaskGradient(MoveOut(grads), null, loss, loop.Steps + 1 + loop.Steps);
    }

    // ---- building blocks ----

    /// <summary>θ after <paramref name="steps"/> SGD steps (a fresh tensor list; θ itself is never returned).</summary>
    internal static Tensor[] AdaptSteps(IReadOnlyList<Tensor> theta, ParameterLoss loss, double alpha, int steps)
    {
        Tensor[] cur = theta.Select(t => t.detach().clone()).ToArray();
        for (int j = 0; j < steps; j++)
        {
            var next = SgdStep(cur, loss, alpha);
            Dispose(cur);
            cur = next;
        }
        return cur;
    }

    /// <summary>One SGD step θ − α∇L(θ), detached.</summary>
    internal static Tensor[] SgdStep(IReadOnlyList<Tensor> theta, ParameterLoss loss, double alpha)
    {
        using var scope = NewDisposeScope();
        var (g, _) = Gradient(theta, loss);
        var next = new Tensor[g.Length];
        using var a = alpha.ToScalar();   // Scalars are native objects: free them now, not at finalization
        using (no_grad())
            for (int i = 0; i < g.Length; i++) next[i] = theta[i].detach().sub(g[i].mul(a));
        return MoveOut(next);
    }

    /// <summary>∇L(θ) (detached) and L(θ).</summary>
    internal static (Tensor[] Grad, double Loss) Gradient(IReadOnlyList<Tensor> at, ParameterLoss loss)
    {
        using var scope = NewDisposeScope();
        using var enable = enable_grad();
        var leaves = at.Select(t => t.detach().requires_grad_(true)).ToArray();
        var l = Connected(loss, leaves);
        var g = Detached(autograd.grad(new[] { l }, leaves));
        return (MoveOut(g), l.detach().ToDouble());
    }

    /// <summary>∇²L(θ)·v (detached).</summary>
    internal static Tensor[] HessianVector(IReadOnlyList<Tensor> at, ParameterLoss loss, IReadOnlyList<Tensor> v)
    {
        using var scope = NewDisposeScope();
        using var enable = enable_grad();
        var leaves = at.Select(t => t.detach().requires_grad_(true)).ToArray();
        var l = Connected(loss, leaves);
        var g = autograd.grad(new[] { l }, leaves, create_graph: true, retain_graph: true);
        Tensor dot = (g[0] * v[0].detach()).sum();
        for (int i = 1; i < g.Count; i++) dot = dot + (g[i] * v[i].detach()).sum();
        var hv = Detached(autograd.grad(new[] { dot }, leaves));
        foreach (var t in g) t.Dispose();
        return MoveOut(hv);
    }

    /// <summary>
    /// L(θ) + 0·Σ‖θ_i‖²: the same value and gradient bit for bit (for finite θ), but every parameter is connected to
    /// the graph to second order, so autograd never meets an unused input (which aborts in libtorch).
    /// </summary>
    static Tensor Connected(ParameterLoss loss, IReadOnlyList<Tensor> leaves)
    {
        var l = ScalarLoss(loss(leaves));
        Tensor zero = (leaves[0] * leaves[0]).sum();
        for (int i = 1; i < leaves.Count; i++) zero = zero + (leaves[i] * leaves[i]).sum();
        using var nothing = 0.0.ToScalar();
        return l.add(zero.mul(nothing));
    }

    static Tensor ScalarLoss(Tensor l)
    {
        TensorGuard.NotNull(l, "loss");
        if (l.numel() != 1)
            throw new ArgumentException($"a bilevel loss must be a scalar, got shape {TensorGuard.Shape(l)}");
        return l.reshape(Array.Empty<long>());
    }

    internal static void CheckParameters(IReadOnlyList<Tensor> theta)
    {
        if (theta.Count == 0) throw new ArgumentException("the parameter list is empty");
        for (int i = 0; i < theta.Count; i++)
        {
            TensorGuard.NotNull(theta[i], $"parameters[{i}]");
            TensorGuard.Floating(theta[i], $"parameters[{i}]");
        }
    }

    /// <summary>Detached copies of autograd's results; the results themselves (and any graph they hold) are freed now.</summary>
    static Tensor[] Detached(IList<Tensor> raw)
    {
        var copies = raw.Select(t => t.detach().clone()).ToArray();
        foreach (var t in raw) t.Dispose();
        return copies;
    }

    static Tensor[] MoveOut(Tensor[] ts)
    {
        foreach (var t in ts) t.MoveToOuterDisposeScope();
        return ts;
    }

    static void Dispose(IEnumerable<Tensor> ts)
    {
        foreach (var t in ts) t.Dispose();
    }
}
