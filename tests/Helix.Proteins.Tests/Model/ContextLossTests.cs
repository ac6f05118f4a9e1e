using Helix.Core;
using Helix.Proteins.Batching;
using Helix.Proteins.Data;
using Helix.Proteins.Masking;
using Helix.Proteins.Model;
using Helix.Proteins.Tokenization;
using static TorchSharp.torch;

namespace Helix.Proteins.Tests.Model;

public class ContextLossTests
{
    [Fact]
    public void TheContextLossPredictsEveryOriginalResidueAndOnlyInTraining()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(2);
        var config = TinyProteins.Model(Helix.Attention.AttentionMechanism.Exact) with { Dropout = 0, ContextNgramBuckets = 4096 };
        using var model = ProteinModelFactory.Create(config);
        var corpus = TokenizedCorpus.Build(TinyProteins.Records(6, 3, 20, 40));
        var batch = new CroppedBatchSource(corpus, 6, 32, new MaskingOptions()).Next(new SplitMix64(4));
        double plain = MaskedLmObjective.Loss(model, batch, true).Loss.item<float>();
        double with = MaskedLmObjective.Loss(model, batch, true, 0.5).Loss.item<float>();
        Assert.Equal(plain, MaskedLmObjective.Loss(model, batch, false, 0.5).Loss.item<float>(), 6);

        // Reference: mean cross-entropy, over every position holding a residue before masking, of the head applied
        // to the context embedding alone.
        var tokens = tensor(batch.Tokens, new long[] { batch.Rows, batch.Length });
        var padding = tensor(batch.Padding, new long[] { batch.Rows, batch.Length });
        var logProbs = nn.functional.log_softmax(model.Head(model.ContextEmbedding(tokens, padding)!), -1).to(ScalarType.Float64);
        double sum = 0;
        int count = 0;
        for (int r = 0; r < batch.Rows; r++)
        for (int i = 0; i < batch.Length; i++)
        {
            int k = r * batch.Length + i;
            long original = batch.Labels[k] != ProteinTokenizer.IgnoreLabel ? batch.Labels[k] : batch.Tokens[k];
            if (original < ProteinTokenizer.FirstResidue) continue;
            sum -= logProbs[r, i, original].item<double>();
            count++;
        }
        Assert.True(count > 100 && batch.Tokens.Count(t => t == ProteinTokenizer.Mask) > 5);
        Assert.Equal(0.5 * sum / count, with - plain, 4);
    }
}
