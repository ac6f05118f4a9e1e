using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>The modReLU nonlinearity of unitary/orthogonal RNNs: σ(z) = sign(z)·max(|z| + b, 0).</summary>
public static class ModRelu
{
    /// <summary>modReLU of <paramref name="z"/> with bias <paramref name="bias"/> (broadcast over the last dimension).
    /// With b = 0 it is the identity, and it never increases |z|ᵢ when b ≤ 0.</summary>
    public static Tensor Apply(Tensor z, Tensor bias)
    {
        using var scope = NewDisposeScope();
        return (z.sign() * nn.functional.relu(z.abs() + bias)).MoveToOuterDisposeScope();
    }
}
