namespace Helix.Orthogonal;

/// <summary>
/// An optimizer for weights constrained to O(d) or a Stiefel manifold, used like a TorchSharp optimizer beside the
/// ordinary one for the other weights: <c>loss.backward(); opt.step(); opt.zero_grad();</c>. Each parameter has shape
/// (…, n, k) with n ≥ k and orthonormal columns; square parameters are rotated from the right (X·R), tall ones from
/// the left (R·X, rotations of the n rows).
/// </summary>
public interface IOrthogonalOptimizer : IDisposable
{
    /// <summary>Short name (<c>givens</c>, <c>expm</c>, <c>cayley</c>, <c>qr</c>, <c>cwy-adam</c>).</summary>
    string Name { get; }
    /// <summary>Steps taken.</summary>
    long Steps { get; }
    /// <summary>Learning rate η.</summary>
    double LearningRate { get; set; }
    /// <summary>One step from the parameters' current gradients (parameters without a gradient are skipped).</summary>
    void step();
    /// <summary>Clears the parameters' gradients.</summary>
    void zero_grad();
}
