using Helix.Core;

namespace Helix.Core.Tests;

public class ErrorTests
{
    [Theory]
    [InlineData("a.fasta", 3, 7, "a.fasta:3:7: bad")]
    [InlineData("a.fasta", 3, 0, "a.fasta:3: bad")]
    [InlineData("a.fasta", 0, 0, "a.fasta: bad")]
    [InlineData(null, 2, 0, "line 2: bad")]
    public void InputErrorsSayWhere(string? file, long line, long column, string expected) =>
        Assert.Equal(expected, new InvalidInputException(file, line, column, "bad").Message);

    [Fact]
    public void OptionErrorsNameTheOptionNotAFlag()
    {
        var e = Assert.Throws<InvalidOptionException>(() => Check.Positive(0, "Steps"));
        Assert.Equal("Steps", e.Option);
        Assert.StartsWith("Steps: must be positive", e.Message);
        Check.InRange(0.5, 0, 1, "Q");
        Assert.Throws<InvalidOptionException>(() => Check.InRange(1.5, 0, 1, "Q"));
    }
}
