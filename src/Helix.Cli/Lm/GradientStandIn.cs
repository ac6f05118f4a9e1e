using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Cli.Lm;

/// <summary>
/// The training kit's trainer zeroes the gradients and backpropagates the loss tensor that a loss function returns.
/// SLiM computes its gradients inside the loss function (slice by slice), so it hands the trainer this stand-in:
/// its value is the loss, and its gradient with respect to each parameter is exactly the gradient SLiM computed.
/// </summary>
internal static class GradientStandIn
{
    /// <summary>loss + Σ_p (⟨p, g_p⟩ − ⟨p, g_p⟩.detach()) with g_p each parameter's current .grad (copied), in the parameters' dtype.</summary>
    public static Tensor Of(IReadOnlyList<Parameter> parameters, double loss)
    {
        var total = torch.tensor(loss, dtype: parameters.Count > 0 ? parameters[0].dtype : ScalarType.Float32);
        foreach (var p in parameters)
        {
            if (p.grad is not { } g) continue;
            var dot = (p * g.detach().clone()).sum();
            total = total + (dot - dot.detach());
        }
        return total;
    }
}
