namespace Helix.Interop;

/// <summary>File formats for a module's state dict (parameters and buffers, by their PyTorch-style names).</summary>
public enum WeightFormat
{
    /// <summary>TorchSharp's own format (<c>module.save</c>); only TorchSharp reads it.</summary>
    TorchSharp,
    /// <summary>PyTorch's <c>torch.save(state_dict)</c> zip format (<c>.pt</c>, <c>.pth</c>): <c>torch.load</c> reads it.</summary>
    PyTorch,
    /// <summary>safetensors (<c>.safetensors</c>): a JSON header and raw little-endian tensors; every framework reads it.</summary>
    Safetensors,
}
