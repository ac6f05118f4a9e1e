using static TorchSharp.torch;

namespace Helix.Attention.Tests;

/// <summary>Plain softmax attention written out step by step: the slow reference that fast paths are checked against.</summary>
internal static class ReferenceAttention
{
    /// <summary>softmax(q kᵀ/√d) v with padding (true = padded key) and causal masks applied as −∞ scores.</summary>
    public static Tensor Softmax(Tensor q, Tensor k, Tensor v, Tensor? keyPaddingMask = null, bool causal = false)
    {
        var scores = q.matmul(k.transpose(-1, -2)) / Math.Sqrt(q.shape[^1]);
        if (keyPaddingMask is not null) scores = scores.masked_fill(keyPaddingMask.unsqueeze(1).unsqueeze(1), double.NegativeInfinity);
        if (causal)
        {
            var future = ones(q.shape[^2], k.shape[^2], dtype: ScalarType.Bool).triu(1);
            scores = scores.masked_fill(future, double.NegativeInfinity);
        }
        return scores.softmax(-1).matmul(v);
    }

    /// <summary>Largest absolute difference of two tensors.</summary>
    public static double MaxAbsDiff(Tensor a, Tensor b) => (a - b).abs().max().to_type(ScalarType.Float64).item<double>();

    /// <summary>Relative Frobenius error ‖a − b‖ / ‖b‖.</summary>
    public static double RelativeError(Tensor a, Tensor b) => (a - b).norm().to_type(ScalarType.Float64).item<double>() / b.norm().to_type(ScalarType.Float64).item<double>();
}
