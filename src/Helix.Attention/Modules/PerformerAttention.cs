using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>
/// The Performer drop-in: FAVOR+ multi-head attention with the parameters of exact attention, and the switch of a
/// trained module to another mechanism ("backward compatible": an exact model's weights serve a Performer and back).
/// </summary>
public static class PerformerAttention
{
    /// <summary>FAVOR+ attention with <paramref name="numFeatures"/> positive orthogonal random features.</summary>
    public static MultiheadAttention Create(long dim, long heads, int numFeatures = 256, bool causal = false, long seed = 0, bool rotary = false) =>
        new(dim, heads, new AttentionConfig { Mechanism = AttentionMechanism.Favor, NumFeatures = numFeatures, Seed = seed }, causal, rotary);

    /// <summary>
    /// A new module with mechanism <paramref name="config"/> carrying the trained weights of <paramref name="trained"/>
    /// (any mechanism), with the same dtype and device. The random projection comes from <paramref name="config"/>.
    /// </summary>
    public static MultiheadAttention WithMechanism(MultiheadAttention trained, AttentionConfig config)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(config);
        var first = trained.parameters().First();
        var converted = new MultiheadAttention(trained.Heads * trained.HeadDim, trained.Heads, config, trained.Causal, trained.Rotary);
        converted.to(first.device).to(first.dtype);
        using (no_grad())
            converted.load_state_dict(trained.state_dict(), strict: false, skip: new[] { "projection" });
        converted.train(trained.training);
        return converted;
    }
}
