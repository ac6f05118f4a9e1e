using static TorchSharp.torch;

namespace Helix.Torch;

/// <summary>Saves and restores libtorch's default CPU generator (dropout masks, random-projection redraws).</summary>
public static class TorchRandomState
{
    /// <summary>The generator state as bytes.</summary>
    public static byte[] Get()
    {
        using var state = random.get_rng_state();
        return state.data<byte>().ToArray();
    }

    /// <summary>Restores a state returned by <see cref="Get"/>.</summary>
    public static void Set(byte[] state)
    {
        using var t = tensor(state, dtype: ScalarType.Byte);
        random.set_rng_state(t);
    }
}
