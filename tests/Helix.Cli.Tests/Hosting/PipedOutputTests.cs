namespace Helix.Cli.Tests.Hosting;

/// <summary>Piped stdout is plain: long lines and tables are never wrapped at 80 columns.</summary>
public sealed class PipedOutputTests : IDisposable
{
    readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LongLinesAndTablesAreNotWrappedWhenPiped()
    {
        var r = HelixProcess.Run("meta", "toy", "--steps", "200", "--out", _dir.Path);
        Assert.True(r.ExitCode == 0, r.StandardError);
        var lines = r.StandardOutput.TrimEnd('\n').Split('\n');
        Assert.StartsWith("θ* (dM/dθ = 0) = ", lines[0]);
        Assert.Contains("Polyak average of the second half", lines[0]);   // past column 80, on the same line
        Assert.True(lines[0].Length > 80, $"first line has {lines[0].Length} characters");
        var table = lines.Where(l => l.StartsWith('│') || l.StartsWith('┌') || l.StartsWith('└') || l.StartsWith('├')).ToList();
        Assert.True(table.Count >= 4, r.StandardOutput);
        Assert.All(table, l => Assert.Equal(table[0].Length, l.Length));
    }
}
