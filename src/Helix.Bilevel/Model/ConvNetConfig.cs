using Helix.Core;

namespace Helix.Bilevel.Model;

/// <summary>The few-shot convolutional network's shape: blocks of conv 3×3 → batch norm → ReLU → max-pool 2, then a linear head.</summary>
/// <param name="Ways">Output classes (N).</param>
/// <param name="Filters">Channels of every conv layer (64 is standard).</param>
/// <param name="Blocks">Conv blocks (4 is standard).</param>
/// <param name="ImageSize">Input side (28 for Omniglot).</param>
public sealed record ConvNetConfig(int Ways = 5, int Filters = 64, int Blocks = 4, int ImageSize = 28)
{
    /// <summary>Side of the feature map after the blocks.</summary>
    public int FeatureSide
    {
        get
        {
            int s = ImageSize;
            for (int i = 0; i < Blocks; i++) s /= 2;
            return s;
        }
    }

    /// <summary>Checks the shape; returns this config.</summary>
    public ConvNetConfig Validate()
    {
        if (Ways < 2) throw new InvalidOptionException(nameof(Ways), $"need at least 2 ways, got {Ways}");
        if (Filters < 1) throw new InvalidOptionException(nameof(Filters), $"need at least 1 filter, got {Filters}");
        if (Blocks < 1) throw new InvalidOptionException(nameof(Blocks), $"need at least 1 block, got {Blocks}");
        if (FeatureSide < 1) throw new InvalidOptionException(nameof(Blocks), $"{Blocks} pooling blocks shrink a {ImageSize}-pixel image to nothing");
        return this;
    }
}
