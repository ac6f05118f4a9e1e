using Helix.Core;

namespace Helix.Core.Tests;

public class ProcessRunnerTests
{
    [Fact]
    public void CapturesOutputErrorAndExitCode()
    {
        var r = ProcessRunner.Run("sh", ["-c", "read x; echo out:$x; echo err >&2; exit 3"], standardInput: "hi\n");
        Assert.Equal(3, r.ExitCode);
        Assert.Equal("out:hi\n", r.StandardOutput);
        Assert.Equal("err\n", r.StandardError);
        Assert.False(r.TimedOut);
    }

    [Fact]
    public void KillsAProcessPastItsTimeLimit()
    {
        var r = ProcessRunner.Run("sleep", ["30"], TimeSpan.FromMilliseconds(200));
        Assert.True(r.TimedOut);
        Assert.True(r.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void AMissingProgramIsAClearError()
    {
        var e = Assert.Throws<ToolNotFoundException>(() => ProcessRunner.Run("helix-no-such-tool", []));
        Assert.Contains("helix-no-such-tool", e.Message);
        Assert.False(ProcessRunner.IsAvailable("helix-no-such-tool"));
        Assert.True(ProcessRunner.IsAvailable("sh"));
    }

    [Fact]
    public void CancellationKillsAndThrows()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Assert.Throws<OperationCanceledException>(() => ProcessRunner.Run("sleep", ["30"], cancel: cts.Token));
    }
}
