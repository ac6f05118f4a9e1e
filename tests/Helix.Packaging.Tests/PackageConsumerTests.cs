using Helix.Core;

namespace Helix.Packaging.Tests;

/// <summary>
/// Packs Helix.Core, Helix.Torch and Helix.Attention into a local folder feed, creates a fresh console project that
/// references Helix.Attention by version (plus the CPU backend, as a user would), and runs FAVOR+ attention in it.
/// The sources are copied to a temporary tree first, so packing never rewrites the solution's build outputs while
/// other test projects run.
/// </summary>
public class PackageConsumerTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    [Fact]
    public void AFreshConsoleAppThatReferencesThePackageRunsFavorOnItsFirstRun()
    {
        var work = Directory.CreateTempSubdirectory("helix-pack").FullName;
        var version = $"0.1.0-test{DateTime.UtcNow:yyyyMMddHHmmss}{Environment.ProcessId}";
        try
        {
            var tree = Path.Combine(work, "tree");
            CopyTree(Paths.Root, tree, ["build", "src/Helix.Core", "src/Helix.Torch", "src/Helix.Attention"],
                ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"]);
            var feed = Path.Combine(work, "feed");
            foreach (var project in new[] { "Helix.Core", "Helix.Torch", "Helix.Attention" })
                Dotnet(tree, "pack", $"src/{project}/{project}.csproj", "-c", "Release", "-o", feed, $"-p:Version={version}", "--nologo", "-v", "q");
            Assert.True(File.Exists(Path.Combine(feed, $"Helix.Attention.{version}.nupkg")));

            var app = Path.Combine(work, "app");
            Directory.CreateDirectory(app);
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="helix-local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Helix.Attention" Version="{version}" />
                    <PackageReference Include="libtorch-cpu-linux-x64" Version="2.10.0" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "Program.cs"), """
                using Helix.Attention;
                using static TorchSharp.torch;

                var attention = PerformerAttention.Create(dim: 64, heads: 4, numFeatures: 32, seed: 1);
                var x = randn(2, 10, 64);
                var y = attention.forward(x, x, x, null);
                Console.WriteLine($"shape {string.Join('x', y.shape)} finite {isfinite(y).all().item<bool>()}");
                """);
            Dotnet(app, "build", "-c", "Release", "--nologo", "-v", "q");
            var run = Dotnet(app, "run", "-c", "Release", "--no-build");
            Assert.Contains("shape 2x10x64 finite True", run);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
            // Our test versions only: the restore extracted them into the user's package folder.
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var id in new[] { "helix.core", "helix.torch", "helix.attention" })
            {
                var dir = Path.Combine(cache, id, version);
                try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); } catch (IOException) { }
            }
        }
    }

    static string Dotnet(string workingDirectory, params string[] args)
    {
        var r = ProcessRunner.Run("dotnet", args, Limit, workingDirectory,
            environment: new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" });
        Assert.True(r.ExitCode == 0, $"dotnet {string.Join(' ', args)} failed ({(r.TimedOut ? "time-out" : $"exit {r.ExitCode}")}):\n{r.StandardOutput}\n{r.StandardError}");
        return r.StandardOutput;
    }

    static void CopyTree(string from, string to, string[] folders, string[] files)
    {
        foreach (var f in files) { Directory.CreateDirectory(to); File.Copy(Path.Combine(from, f), Path.Combine(to, f)); }
        foreach (var folder in folders)
        {
            var src = Path.Combine(from, folder);
            foreach (var file in Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories))
            {
                var rel = Path.GetRelativePath(from, file);
                if (rel.Split('/').Any(part => part is "bin" or "obj")) continue;
                var dest = Path.Combine(to, rel);
                Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
                File.Copy(file, dest);
            }
        }
    }
}
