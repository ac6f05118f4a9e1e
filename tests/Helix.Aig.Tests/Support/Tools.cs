using Helix.Core;

namespace Helix.Aig.Tests.Support;

/// <summary>Reference programs (ABC, CaDiCaL, MiniSat) and the shared circuit folder, found at run time.</summary>
public static class Tools
{
    public const string Abc = "berkeley-abc";
    public const string Cadical = "cadical";
    public const string Minisat = "minisat";

    public static bool Has(string program) => ProcessRunner.IsAvailable(program);

    /// <summary>The <c>shared/data/aig</c> folder beside the repository root, or null.</summary>
    public static string? DataDir()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            if (!File.Exists(Path.Combine(d.FullName, "Helix.sln"))) continue;
            var p = Path.GetFullPath(Path.Combine(d.FullName, "..", "shared", "data", "aig"));
            return Directory.Exists(p) ? p : null;
        }
        return null;
    }

    /// <summary>Runs ABC on a command script in <paramref name="workDir"/>; returns stdout, throws on failure.</summary>
    public static string RunAbc(string commands, string workDir)
    {
        var run = ProcessRunner.Run(Abc, ["-c", commands], TimeSpan.FromMinutes(2), workDir);
        var output = run.StandardOutput;
        if (run.ExitCode != 0 || output.Contains("** cmd error", StringComparison.Ordinal))
            throw new InvalidOperationException($"ABC failed on '{commands}': {output}{run.StandardError}");
        return output;
    }

    /// <summary>ABC's resyn2 script spelled out (the Debian package ships no abc.rc aliases).</summary>
    public const string Resyn2 = "balance; rewrite; refactor; balance; rewrite; rewrite -z; balance; refactor -z; rewrite -z; balance";
}

/// <summary>A fact that is skipped when a reference program is missing.</summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(params string[] programs)
    {
        var missing = programs.Where(p => !Tools.Has(p)).ToArray();
        if (missing.Length > 0) Skip = $"needs {string.Join(", ", missing)} on PATH (scripts/install-test-tools.sh installs it)";
    }
}

/// <summary>A fact that is skipped when the shared circuits folder or a reference program is missing.</summary>
public sealed class DataFactAttribute : FactAttribute
{
    public DataFactAttribute(params string[] programs)
    {
        var missing = programs.Where(p => !Tools.Has(p)).ToArray();
        if (Tools.DataDir() == null) Skip = "the circuits folder ../shared/data/aig is absent";
        else if (missing.Length > 0) Skip = $"needs {string.Join(", ", missing)} on PATH";
    }
}
