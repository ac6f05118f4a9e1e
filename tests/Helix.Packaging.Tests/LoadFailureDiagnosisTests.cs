using System.Text;
using Helix.Torch;

namespace Helix.Packaging.Tests;

/// <summary>What a user reads when TorchSharp's native shim cannot load: the real cause and the fix.</summary>
public class LoadFailureDiagnosisTests
{
    static string NuGetFolder => Environment.GetEnvironmentVariable("NUGET_PACKAGES")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    static bool HostLacksGlibcxx3432()
    {
        const string lib = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";
        if (!File.Exists(lib)) return false;
        var needle = Encoding.ASCII.GetBytes("GLIBCXX_3.4.32\0");
        return File.ReadAllBytes(lib).AsSpan().IndexOf(needle) < 0;
    }

    [Fact]
    public void AnUnpatchedShimIsExplainedAsTheMissingGlibcxxVersion()
    {
        if (!HostLacksGlibcxx3432()) return;   // a newer libstdc++ loads the shim as is: nothing to diagnose
        var native = Path.Combine(NuGetFolder, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        var torchNative = Path.Combine(NuGetFolder, "libtorch-cpu-linux-x64", "2.10.0", "runtimes", "linux-x64", "native");
        Assert.True(File.Exists(native), "the TorchSharp package is restored with the solution");
        // An output folder as a consumer without Helix's build step has it: libtorch beside an unpatched shim.
        var folder = Directory.CreateTempSubdirectory("helix-shim").FullName;
        foreach (var lib in Directory.GetFiles(torchNative)) File.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(lib)), lib);
        File.Copy(native, Path.Combine(folder, "libLibTorchSharp.so"));

        var message = TorchRuntime.Diagnose(folder, "This application or script uses TorchSharp but doesn't contain a reference to libtorch-cpu-linux-x64");
        Assert.Contains("GLIBCXX_3.4.32", message);
        Assert.Contains("Helix.Torch package", message);
        Assert.Contains(folder, message);
    }

    [Fact]
    public void AMissingShimSaysWhichPackageToReference()
    {
        var empty = Directory.CreateTempSubdirectory("helix-noshim").FullName;
        var message = TorchRuntime.Diagnose(empty, "x");
        Assert.Contains("libtorch-cpu-linux-x64", message);
        Assert.Contains(empty, message);
    }

    [Fact]
    public void TheRealRuntimeLoads() => Assert.StartsWith("2.", TorchRuntime.EnsureLoaded());
}
