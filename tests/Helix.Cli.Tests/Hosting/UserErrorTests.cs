namespace Helix.Cli.Tests.Hosting;

/// <summary>User errors: exit code 2, one line on stderr that names the flag (never a property or a stack trace), nothing on stdout.</summary>
public sealed class UserErrorTests : IDisposable
{
    readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    void AssertUserError(string expected, params string[] args)
    {
        var r = HelixProcess.Run(args);
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(HelixProcess.Lines(r.StandardError));
        Assert.StartsWith("error:", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("Exception", line);   // no stack trace, no exception type
        Assert.Equal("", r.StandardOutput.Trim());
    }

    [Fact]
    public void ErrorsAreOneLineOnStderrWithExitCode2()
    {
        var text = _dir.Write("t.txt", TempFolder.Text(200, 1));
        string output = Path.Combine(_dir.Path, "run");
        AssertUserError("--bogus", "lm", "train", "--bogus");                                                    // parse error
        AssertUserError("--steps: must be at least 1", "lm", "train", "--data", text, "--steps", "0", "--json", "--out", output);   // library option, mapped to its flag
        AssertUserError("--heads", "lm", "train", "--data", text, "--heads", "3", "--json", "--out", output);
        AssertUserError("no such file", "lm", "train", "--data", Path.Combine(_dir.Path, "missing.txt"), "--json", "--out", output);
        AssertUserError("--threads", "protein", "train", "--threads", "0", "--json");
        AssertUserError("nope", "aig", "stats", Path.Combine(_dir.Path, "nope.aag"));
    }
}
