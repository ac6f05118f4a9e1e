using Helix.Attention;

namespace Helix.Proteins.Model;

/// <summary>Builds the protein masked-LM for training.</summary>
public static class ProteinModelFactory
{
    /// <summary>Standard deviation of the token and position embeddings (BERT's 0.02; <see cref="PerformerLM"/>'s default).</summary>
    public const double EmbeddingStd = PerformerLM.EmbeddingStd;

    /// <summary>
    /// A new <see cref="PerformerLM"/> of shape <paramref name="config"/>; its embeddings start at N(0, 0.02²), so the
    /// start loss is near ln 30 ≈ 3.4. Weight draws use libtorch's generator, so seed it first.
    /// </summary>
    public static PerformerLM Create(ProteinModelConfig config)
    {
        config.Validate();
        return new PerformerLM(config.ToPerformerConfig());
    }
}
