using Helix.Training;

namespace Helix.Cli.Tests.Protein;

/// <summary>
/// Kills a real `helix protein train` process (SIGKILL) in the middle of training, resumes it with --resume, and
/// checks that the losses match an uninterrupted run exactly.
/// </summary>
public sealed class ProteinKillAndResumeTests : IDisposable
{
    readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    static string[] Args(string data, string output, bool resume) =>
    [
        "protein", "train", "--data", data, "--query", "none", "--out", output, "--steps", "300", "--time-limit", "0",
        "--checkpoint-every", "10", "--validate-every", "100", "--dim", "32", "--depth", "1", "--heads", "2", "--features", "16",
        "--length", "32", "--batch-size", "4", "--test-proteins", "4", "--globins", "none", "--shuffle-proteins", "2", "--threads", "1", "--json", .. resume ? new[] { "--resume" } : [],
    ];

    [Fact]
    public void KilledRunResumesWithTheUninterruptedLosses()
    {
        var data = _dir.Write("corpus.fasta", TempFolder.Fasta(80, 7));
        string full = Path.Combine(_dir.Path, "full"), split = Path.Combine(_dir.Path, "split");

        Assert.Equal(0, HelixProcess.Run(Args(data, full, resume: false)).ExitCode);
        Assert.Equal(300, HelixProcess.TrainLosses(full).Length);
        Assert.True(File.Exists(Path.Combine(full, "curves.png")), "the app attaches the curves plot");

        using (var p = HelixProcess.Start(Args(data, split, resume: false)))
        {
            HelixProcess.WaitForLines(p, Path.Combine(split, "metrics.jsonl"), 150);
            Assert.False(p.HasExited, "the run ended before it could be killed");
            p.Kill();   // SIGKILL: no chance to write a last checkpoint
            p.WaitForExit();
        }
        var header = CheckpointFile.ReadHeader(Path.Combine(split, "model.ckpt"));
        Assert.InRange(header.Step, 10, 299);

        Assert.Equal(0, HelixProcess.Run(Args(data, split, resume: true)).ExitCode);
        Assert.Equal(HelixProcess.TrainLosses(full), HelixProcess.TrainLosses(split));
    }
}
