using Helix.Proteins.Batching;
using Helix.Proteins.Masking;
using Helix.Proteins.Tokenization;

namespace Helix.Proteins.Tests.Evaluation;

/// <summary>A baseline's prediction at a scored position must not change when that position's true residue is put back.</summary>
static class ScoredResidueCheck
{
    public delegate double[] Predictor(ReadOnlySpan<long> row, int position);

    /// <summary>Asserts it at every scored position of <paramref name="test"/>'s hidden batches; returns how many were checked.</summary>
    public static int AssertBlind(Predictor predict, TokenizedCorpus test, int rows, int length)
    {
        int checkedPositions = 0;
        foreach (var b in EvaluationBatches.CreateHidden(test, rows, length, new MaskingOptions(), 3))
            for (int i = 0; i < b.Tokens.Length; i++)
            {
                if (b.Labels[i] == ProteinTokenizer.IgnoreLabel) continue;
                int row = i / b.Length, at = i % b.Length;
                var revealed = b.Tokens.AsSpan(row * b.Length, b.Length).ToArray();
                revealed[at] = b.Labels[i];
                Assert.Equal(predict(b.Tokens.AsSpan(row * b.Length, b.Length), at), predict(revealed, at));
                checkedPositions++;
            }
        return checkedPositions;
    }
}
