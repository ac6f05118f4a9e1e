using System.Text.Json.Nodes;
using Helix.Core;
using Helix.Proteins.Model;

namespace Helix.Proteins.Tests.Model;

public class ProteinModelConfigTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(ProteinModelConfig.MaxContextNgramBuckets + 1)]
    public void BadContextNgramBucketsAreRejected(int buckets)
    {
        var e = Assert.Throws<InvalidOptionException>(() => new ProteinModelConfig { ContextNgramBuckets = buckets }.Validate());
        Assert.Equal(nameof(ProteinModelConfig.ContextNgramBuckets), e.Option);
    }

    [Fact]
    public void ContextNgramBucketsTravelWithTheCheckpointConfig()
    {
        var config = new ProteinModelConfig { ContextNgramBuckets = 65536, LocalMixKernel = 9 }.Validate();
        Assert.Equal(65536, ProteinModelConfig.FromJson(config.ToJson()).ContextNgramBuckets);
        Assert.Equal(65536, config.ToPerformerConfig().ContextNgramBuckets);
        // A checkpoint written before the option existed reads as "none".
        var old = config.ToJson().AsObject();
        old.Remove(nameof(ProteinModelConfig.ContextNgramBuckets));
        Assert.Equal(0, ProteinModelConfig.FromJson(old).ContextNgramBuckets);
    }
}
