namespace Helix.Bilevel.Tests;

/// <summary>Where the shared Omniglot data is (null when absent: tests that need it return early).</summary>
internal static class TestData
{
    public static string? Omniglot()
    {
        var env = Environment.GetEnvironmentVariable("HELIX_OMNIGLOT");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Helix.sln")))
            {
                var p = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "omniglot"));
                return File.Exists(Path.Combine(p, "images_background_small1.zip")) ? p : null;
            }
        return null;
    }
}
