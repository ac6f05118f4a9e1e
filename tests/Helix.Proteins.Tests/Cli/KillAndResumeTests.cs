using System.Diagnostics;
using Helix.Training;

namespace Helix.Proteins.Tests.Cli;

/// <summary>
/// Kills a real `helix protein train` process (SIGKILL) in the middle of training, resumes it with --resume, and
/// checks that the losses match an uninterrupted run exactly.
/// </summary>
public sealed class KillAndResumeTests : IDisposable
{
    readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    static string HelixDll()
    {
        var config = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Helix.sln")))
                return Path.Combine(d.FullName, "src", "Helix.Cli", "bin", config, "net10.0", "helix.dll");
        throw new InvalidOperationException("repository root not found");
    }

    Process Start(string data, string output, bool resume)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            HelixDll(), "protein", "train", "--data", data, "--query", "none", "--out", output, "--steps", "300", "--time-limit", "0",
            "--checkpoint-every", "10", "--validate-every", "100", "--dim", "32", "--depth", "1", "--heads", "2", "--features", "16",
            "--length", "32", "--batch-size", "4", "--test-proteins", "4", "--globins", "none", "--shuffle-proteins", "2", "--threads", "1", "--json",
        }) psi.ArgumentList.Add(a);
        if (resume) psi.ArgumentList.Add("--resume");
        var p = Process.Start(psi)!;
        p.StandardOutput.ReadToEndAsync();
        p.StandardError.ReadToEndAsync();
        return p;
    }

    static double[] Losses(string folder) => MetricsLog.Read(Path.Combine(folder, "metrics.jsonl"))
        .Where(r => (string?)r["kind"] == "train").Select(r => (double)r["loss"]!).ToArray();

    [Fact]
    public void KilledRunResumesWithTheUninterruptedLosses()
    {
        Assert.True(File.Exists(HelixDll()), $"{HelixDll()} is missing; the project reference builds it first");
        var data = _dir.Write("corpus.fasta", TinyProteins.Fasta(80, 7));
        string full = Path.Combine(_dir.Path, "full"), split = Path.Combine(_dir.Path, "split");

        using (var p = Start(data, full, resume: false)) { p.WaitForExit(); Assert.Equal(0, p.ExitCode); }
        Assert.Equal(300, Losses(full).Length);

        using (var p = Start(data, split, resume: false))
        {
            var metrics = Path.Combine(split, "metrics.jsonl");
            while (!p.HasExited && (!File.Exists(metrics) || File.ReadLines(metrics).Count() < 150)) Thread.Sleep(10);
            Assert.False(p.HasExited, "the run ended before it could be killed");
            p.Kill();   // SIGKILL: no chance to write a last checkpoint
            p.WaitForExit();
        }
        var header = CheckpointFile.ReadHeader(Path.Combine(split, "model.ckpt"));
        Assert.InRange(header.Step, 10, 299);

        using (var p = Start(data, split, resume: true)) { p.WaitForExit(); Assert.Equal(0, p.ExitCode); }
        Assert.Equal(Losses(full), Losses(split));
    }
}
