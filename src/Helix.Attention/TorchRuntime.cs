using TorchSharp;

namespace Helix.Attention;

/// <summary>Process-wide libtorch settings Helix relies on.</summary>
public static class TorchRuntime
{
    /// <summary>Loads libtorch (throws a clear error if it cannot) and returns its version string.</summary>
    public static string EnsureLoaded()
    {
        try { torch.InitializeDeviceType(DeviceType.CPU); }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                "libtorch could not be loaded. Rebuild with `dotnet build` so the TorchSharp shim is patched for this " +
                "host's libstdc++ (see build/TorchSharpNative.targets). Inner error: " + e.Message, e);
        }
        return torch.__version__;
    }
}
