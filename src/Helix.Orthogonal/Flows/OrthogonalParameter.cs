using Helix.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>Shape facts of one constrained parameter (…, n, k), n ≥ k, and the shared checks.</summary>
internal sealed class OrthogonalParameter
{
    public Parameter Tensor { get; }
    public int N { get; }
    public int K { get; }
    public int Batch { get; }
    /// <summary>Square: the d = n coordinates are columns (X·R). Tall: they are rows (R·X).</summary>
    public bool Columns => N == K;
    public int D => N;
    public int Other => K;

    public OrthogonalParameter(Parameter p, int index)
    {
        TensorGuard.NotNull(p, $"parameters[{index}]");
        if (p.dtype is not (ScalarType.Float32 or ScalarType.Float64))
            throw new ArgumentException($"parameters[{index}] must be float32 or float64, got {p.dtype}");
        if (p.device_type != DeviceType.CPU) throw new ArgumentException($"parameters[{index}] must be on the CPU");
        if (p.dim() < 2 || p.shape[^2] < p.shape[^1])
            throw new ArgumentException($"parameters[{index}] must have shape (…, n, k) with n ≥ k (orthonormal columns), got {TensorGuard.Shape(p)}");
        if (p.shape[^2] < 2)
            throw new ArgumentException($"parameters[{index}] has d = {p.shape[^2]} < 2: there is nothing to rotate");
        if (!p.is_contiguous()) throw new ArgumentException($"parameters[{index}] must be contiguous");
        Tensor = p;
        N = (int)p.shape[^2];
        K = (int)p.shape[^1];
        Batch = (int)(p.numel() / ((long)N * K));
        double drift = OrthogonalMaps.OrthogonalityError(p.detach());
        double tol = p.dtype == ScalarType.Float64 ? 1e-8 : 1e-4;
        if (!(drift <= tol))
            throw new ArgumentException($"parameters[{index}] is not orthogonal (max|XᵀX − I| = {drift:E2} > {tol:E0}); an orthogonal optimizer keeps a weight on the manifold but must start on it (project it first, e.g. with QR)");
    }
}
