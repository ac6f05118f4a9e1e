using Helix.Attention.Slim;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Slim;

/// <summary>Bad chunk sizes, memory modes and batches get clear errors before any native call.</summary>
public class SlimInputTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void NonPositiveChunkSizeIsRejected(int chunk)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => MemoryMode.Chunked(chunk));
        Assert.Contains("positive", e.Message);
        using var model = new TinyLinearCausalModel(5, 4, 1, 1, 8, seed: 1);
        var batch = CausalLmBatch.FromSequences(torch.zeros(new long[] { 1, 4 }, dtype: ScalarType.Int64));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlimTraining.LossAndGradients(model, batch, new SlimOptions(chunk)));
    }

    [Theory]
    [InlineData("full", 0)]
    [InlineData("chunked:256", 256)]
    [InlineData(" Chunked:1 ", 1)]
    public void MemoryModeParses(string text, int chunk) => Assert.Equal(chunk, MemoryMode.Parse(text).ChunkSize);

    [Theory]
    [InlineData("chunked:0")]
    [InlineData("chunked:-4")]
    [InlineData("chunked:")]
    [InlineData("half")]
    public void BadMemoryModeSaysWhatToWrite(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => MemoryMode.Parse(text));
        Assert.Contains("chunked:C", e.Message);
    }

    [Fact]
    public void EmptySequenceIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new CausalLmBatch(
            torch.zeros(new long[] { 1, 0 }, dtype: ScalarType.Int64), torch.zeros(new long[] { 1, 0 }, dtype: ScalarType.Int64)));
        Assert.Contains("at least one token", e.Message);
    }

    [Fact]
    public void SequenceOfOneTokenHasNoTarget()
    {
        var e = Assert.Throws<ArgumentException>(() => CausalLmBatch.FromSequences(torch.zeros(new long[] { 3, 1 }, dtype: ScalarType.Int64)));
        Assert.Contains("at least 2", e.Message);
    }

    [Fact]
    public void BatchWithoutTargetsIsRejected()
    {
        using var model = new TinyLinearCausalModel(5, 4, 1, 1, 8, seed: 1);
        var tokens = torch.zeros(new long[] { 1, 3 }, dtype: ScalarType.Int64);
        var batch = new CausalLmBatch(tokens, torch.full(new long[] { 1, 3 }, CausalLmBatch.IgnoreIndex, dtype: ScalarType.Int64));
        Assert.Contains("no target tokens", Assert.Throws<ArgumentException>(() => SlimTraining.LossAndGradients(model, batch, MemoryMode.Chunked(2))).Message);
    }

    [Fact]
    public void MismatchedTargetsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new CausalLmBatch(
            torch.zeros(new long[] { 2, 4 }, dtype: ScalarType.Int64), torch.zeros(new long[] { 2, 3 }, dtype: ScalarType.Int64)));
        Assert.Contains("shape of inputs", e.Message);
    }
}
