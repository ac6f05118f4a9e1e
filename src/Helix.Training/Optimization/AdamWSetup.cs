using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Training;

/// <summary>
/// Builds AdamW with two parameter groups: matrices (dim ≥ 2) get weight decay; biases, norm gains and any
/// parameter whose name matches <c>noDecay</c> do not (decaying LayerNorm gains or biases only hurts).
/// </summary>
public static class AdamWSetup
{
    /// <summary>Creates the optimizer for <paramref name="model"/>'s trainable parameters.</summary>
    public static AdamW Create(nn.Module model, double learningRate, double weightDecay,
        double beta1 = 0.9, double beta2 = 0.98, double eps = 1e-8, Func<string, bool>? noDecay = null)
    {
        var (decay, plain) = Split(model, noDecay);
        var groups = new List<AdamW.ParamGroup>();
        if (decay.Count > 0) groups.Add(new AdamW.ParamGroup(decay, learningRate, beta1, beta2, eps, weightDecay, false, false));
        if (plain.Count > 0) groups.Add(new AdamW.ParamGroup(plain, learningRate, beta1, beta2, eps, 0.0, false, false));
        if (groups.Count == 0) throw new ArgumentException("the model has no trainable parameters");
        return optim.AdamW(groups, learningRate, beta1, beta2, eps, weightDecay, false, false);
    }

    /// <summary>Splits the trainable parameters into (decayed, not decayed), in registration order.</summary>
    public static (List<Parameter> Decay, List<Parameter> NoDecay) Split(nn.Module model, Func<string, bool>? noDecay = null)
    {
        var decay = new List<Parameter>();
        var plain = new List<Parameter>();
        foreach (var (name, p) in model.named_parameters())
        {
            if (!p.requires_grad) continue;
            if (p.dim() >= 2 && !(noDecay?.Invoke(name) ?? false)) decay.Add(p);
            else plain.Add(p);
        }
        return (decay, plain);
    }
}
