using Helix.Core;

namespace Helix.Interop.Tests;

/// <summary>The repository root (where Helix.sln is) and the Python that has PyTorch, found at run time.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Helix.sln"))) return d.FullName;
        throw new InvalidOperationException("Helix.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A python3 that imports torch (Debian's python3-torch lives under /usr/bin), or null.</summary>
    public static string? PythonWithTorch { get; } = FindPython();

    static string? FindPython()
    {
        foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
        {
            if (!ProcessRunner.IsAvailable(candidate)) continue;
            var r = ProcessRunner.Run(candidate, ["-c", "import torch"], TimeSpan.FromSeconds(60));
            if (r.ExitCode == 0) return candidate;
        }
        return null;
    }
}

/// <summary>A fact that is skipped when no python3 with PyTorch is installed (apt-get install python3-torch).</summary>
public sealed class PyTorchFactAttribute : FactAttribute
{
    public PyTorchFactAttribute()
    {
        if (RepoPaths.PythonWithTorch is null) Skip = "no python3 with PyTorch (apt-get install python3-torch)";
    }
}
