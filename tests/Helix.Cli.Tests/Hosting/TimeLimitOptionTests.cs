using System.CommandLine;
using Helix.Cli.Hosting.Options;

namespace Helix.Cli.Tests.Hosting;

/// <summary>One --time-limit for every command: plain numbers are minutes, units may be written, 0 lifts the limit.</summary>
public sealed class TimeLimitOptionTests
{
    [Theory]
    [InlineData("10", 600)]
    [InlineData("0.5", 30)]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("10min", 600)]
    [InlineData("3h", 10800)]
    [InlineData("1h30m", 5400)]
    [InlineData("2h0m15s", 7215)]
    [InlineData("1.5H", 5400)]
    public void ReadsMinutesOrUnits(string text, double seconds)
    {
        Assert.True(TimeLimitOption.TryParse(text, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0s")]
    [InlineData("0h0m")]
    public void ZeroMeansNoLimit(string text)
    {
        Assert.True(TimeLimitOption.TryParse(text, out var value, out _));
        Assert.Null(value);
    }

    [Theory]
    [InlineData("ten", "is not a duration")]
    [InlineData("5x", "is not a duration")]
    [InlineData("m", "is not a duration")]
    [InlineData("", "is not a duration")]
    [InlineData("-3", "must be 0 (no limit) or a positive duration")]
    [InlineData("1e300", "must be 0 (no limit) or a positive duration")]
    public void RejectsWhatItCannotRead(string text, string expected)
    {
        Assert.False(TimeLimitOption.TryParse(text, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void LeftOutGivesTheDefaultAndZeroLiftsIt()
    {
        var option = new TimeLimitOption("Stop after this long", TimeSpan.FromMinutes(8));
        var root = new RootCommand { option };
        Assert.Equal(TimeSpan.FromMinutes(8), option.Limit(root.Parse([])));
        Assert.Null(option.Limit(root.Parse(["--time-limit", "0"])));
        Assert.Equal(TimeSpan.FromSeconds(45), option.Limit(root.Parse(["--time-limit", "45s"])));
        Assert.Contains("default: 8m", option.Description);
    }

    [Fact]
    public void EveryCommandReadsUnitsTheSameWay()
    {
        var (code, _, err) = InProcessHelix.Invoke("aig", "cec", "a.aig", "b.aig", "--time-limit", "soon");
        Assert.Equal(2, code);
        Assert.Contains("--time-limit: 'soon' is not a duration; write minutes, or a number with a unit", err);
        (code, _, err) = InProcessHelix.Invoke("protein", "train", "--time-limit", "-1");
        Assert.Equal(2, code);
        Assert.Contains("--time-limit: '-1' must be 0 (no limit) or a positive duration", err);
    }

    [Theory]
    [InlineData(90, "90s")]
    [InlineData(480, "8m")]
    [InlineData(10800, "3h")]
    [InlineData(5400, "1h30m")]
    public void FormatsAsHelpShowsIt(double seconds, string expected) =>
        Assert.Equal(expected, TimeLimitOption.Format(TimeSpan.FromSeconds(seconds)));
}
