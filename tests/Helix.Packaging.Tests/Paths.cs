namespace Helix.Packaging.Tests;

/// <summary>The repository root (where Helix.sln is), found from the test's output folder.</summary>
internal static class Paths
{
    public static string Root { get; } = FindRoot();

    static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Helix.sln"))) return d.FullName;
        throw new InvalidOperationException("Helix.sln not found above " + AppContext.BaseDirectory);
    }
}
