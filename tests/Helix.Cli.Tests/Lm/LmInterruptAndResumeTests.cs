using Helix.Training;

namespace Helix.Cli.Tests.Lm;

/// <summary>
/// Ctrl+C (SIGINT) stops a real `helix lm train` at a safe point with exit code 130 and a checkpoint of the step it
/// reached; --resume then finishes with exactly the losses of an uninterrupted run.
/// </summary>
public sealed class LmInterruptAndResumeTests : IDisposable
{
    readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    static string[] Args(string data, string output, bool resume) =>
    [
        "lm", "train", "--data", data, "--out", output, "--steps", "40", "--checkpoint-every", "10", "--length", "32",
        "--batch-size", "4", "--dim", "16", "--depth", "1", "--heads", "2", "--features", "8", "--threads", "1", "--json",
        .. resume ? new[] { "--resume" } : [],
    ];

    const int SigInt = 2;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);

    [Fact]
    public void InterruptedRunExits130AndResumesExactly()
    {
        var data = _dir.Write("t.txt", TempFolder.Text(2000, 3));
        string full = Path.Combine(_dir.Path, "full"), split = Path.Combine(_dir.Path, "split");

        var uninterrupted = HelixProcess.Run(Args(data, full, resume: false));
        Assert.Equal(0, uninterrupted.ExitCode);
        Assert.Contains("\"finalStep\":40", uninterrupted.StandardOutput);
        Assert.True(File.Exists(Path.Combine(full, "curves.png")));

        using (var p = HelixProcess.Start(Args(data, split, resume: false)))
        {
            HelixProcess.WaitForLines(p, Path.Combine(split, "metrics.jsonl"), 15);
            Assert.False(p.HasExited, "the run ended before it could be interrupted");
            Assert.Equal(0, Kill(p.Id, SigInt));   // what Ctrl+C sends
            Assert.True(p.WaitForExit(60_000), "Ctrl+C did not stop the run");
            Assert.Equal(130, p.ExitCode);
        }
        long stopped = CheckpointFile.ReadHeader(Path.Combine(split, "model.ckpt")).Step;
        Assert.InRange(stopped, 10, 39);
        Assert.Equal(stopped, HelixProcess.TrainLosses(split).Length);   // written at the interruption, after the last step it logged

        var resumed = HelixProcess.Run(Args(data, split, resume: true));
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(HelixProcess.TrainLosses(full), HelixProcess.TrainLosses(split));
    }
}
