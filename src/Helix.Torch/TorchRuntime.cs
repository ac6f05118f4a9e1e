using System.Runtime.InteropServices;
using TorchSharp;

namespace Helix.Torch;

/// <summary>Process-wide libtorch settings Helix relies on.</summary>
public static class TorchRuntime
{
    /// <summary>
    /// Loads libtorch and returns its version string. When it cannot load, the exception says why in terms a user can
    /// act on: the real cause is usually not a missing package (TorchSharp's own message) but TorchSharp's native shim
    /// asking for a libstdc++ version the system lacks (GLIBCXX_3.4.32 on Debian 12 and Ubuntu 22.04).
    /// </summary>
    public static string EnsureLoaded()
    {
        try { torch.InitializeDeviceType(DeviceType.CPU); }
        catch (Exception e)
        {
            throw new InvalidOperationException(Diagnose(AppContext.BaseDirectory, e.Message), e);
        }
        return torch.__version__;
    }

    /// <summary>
    /// Explains a libtorch load failure: finds TorchSharp's shim under <paramref name="outputFolder"/>, asks the dynamic
    /// loader what is wrong with it, and says how to fix that.
    /// </summary>
    public static string Diagnose(string outputFolder, string torchSharpMessage)
    {
        var shim = FindShim(outputFolder);
        if (shim is null)
            return "libtorch could not be loaded: TorchSharp's native shim (libLibTorchSharp.so) is not in " + outputFolder +
                   ". Reference a native backend package in the application (for CPU on Linux: libtorch-cpu-linux-x64, the same " +
                   "version TorchSharp asks for) and rebuild. TorchSharp said: " + torchSharpMessage;
        string? loaderError = null;
        if (!NativeLibrary.TryLoad(shim, out var handle))
        {
            try { NativeLibrary.Load(shim); }
            catch (DllNotFoundException e) { loaderError = e.Message; }
        }
        else NativeLibrary.Free(handle);
        var missingVersion = loaderError is null ? null : System.Text.RegularExpressions.Regex.Match(loaderError, @"GLIBCXX_[0-9.]+").Value;
        if (!string.IsNullOrEmpty(missingVersion))
            return $"libtorch could not be loaded: {shim} needs {missingVersion}, which this system's libstdc++ lacks (the code " +
                   "never calls it; only a version marker is asked for). Fix: reference the Helix.Torch package (directly or through " +
                   "any Helix library) and rebuild; its build step marks that need weak in your output folder. Or install a newer " +
                   "libstdc++. The loader said: " + loaderError;
        return "libtorch could not be loaded. " + (loaderError is null ? "" : "The loader said: " + loaderError + ". ") +
               "TorchSharp said: " + torchSharpMessage;
    }

    static string? FindShim(string folder)
    {
        if (!Directory.Exists(folder)) return null;
        return Directory.EnumerateFiles(folder, "libLibTorchSharp.so", SearchOption.AllDirectories).FirstOrDefault();
    }

    /// <summary>
    /// Opt-in process setting for large CPU workloads on Linux/glibc: keeps freed memory for reuse instead of returning
    /// every large tensor to the OS, so the next allocation of the same size does not page-fault it in again (libtorch's
    /// CPU allocator does not cache). FAVOR+ allocates several [L, m] tensors per pass and runs up to ~1.5× faster with
    /// it. Peak resident memory stays bounded by the largest live set. Returns false where it does not apply.
    /// </summary>
    public static bool RetainFreedMemory()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            // M_MMAP_THRESHOLD (−3): serve large blocks from the heap; M_TRIM_THRESHOLD (−1): do not trim the heap top.
            return Mallopt(-3, 1 << 30) == 1 && Mallopt(-1, int.MaxValue) == 1;
        }
        catch (DllNotFoundException) { return false; }
        catch (EntryPointNotFoundException) { return false; }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int Mallopt(int param, int value);
}
