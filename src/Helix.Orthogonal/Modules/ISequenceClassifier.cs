using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>A model that reads token sequences (B, T) and returns per-step class logits (B, T, C); the copying task
/// trains any of them (the orthogonal RNN and the LSTM baseline).</summary>
public interface ISequenceClassifier
{
    /// <summary>Logits (B, T, C) for tokens (B, T).</summary>
    Tensor Logits(Tensor tokens);

    /// <summary>Trainable parameter count.</summary>
    long ParameterCount { get; }
}
