using Helix.Torch;

namespace Helix.Attention.Tests;

/// <summary>Guards the public surface of Helix.Attention (STYLE rule 10): a new public type must be added here on purpose.</summary>
public class PublicApiTests
{
    [Fact]
    public void PublicTypesAreTheDocumentedOnes()
    {
        var expected = new[]
        {
            "AttentionConfig", "AttentionMechanism", "CausalLmBatch", "CausalLmLoss", "CausalState", "ExactAttention", "FavorFunctional", "FeatureMapKind",
            "FeatureMaps", "FeatureStabilizer", "ISliceableCausalModel", "MemoryMode", "MultiheadAttention", "PerformerConfig", "PerformerAttention", "PerformerEncoder", "PerformerLM", "PerformerLmSlices",
            "PerformerLayer", "PositionKind", "ProjectionKind", "RandomProjections", "RedrawKind", "RedrawPolicy",
            "RotaryEmbedding", "RowNormKind", "SinusoidalPositions", "SlimOptions", "SlimStats", "SlimTraining", "StateRecovery",
        };
        var actual = typeof(MultiheadAttention).Assembly.GetExportedTypes().Select(t => t.Name).Order().ToArray();
        Assert.Equal(expected.Order(), actual);
    }
}
