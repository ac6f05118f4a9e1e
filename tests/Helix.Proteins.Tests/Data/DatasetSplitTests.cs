using Helix.Proteins.Data;

namespace Helix.Proteins.Tests.Data;

public class DatasetSplitTests
{
    [Fact]
    public void AssignmentIsDeterministicAndHasTheRequestedShares()
    {
        var split = new DatasetSplit(0.1, 0.05);
        var ids = Enumerable.Range(0, 20_000).Select(i => $"tr|A{i:D5}|A{i:D5}_HUMAN").ToList();
        var parts = ids.Select(split.Assign).ToList();
        Assert.Equal(parts, ids.Select(new DatasetSplit(0.1, 0.05).Assign));
        // Binomial counts: within 5 standard deviations of the expected share.
        foreach (var (part, share) in new[] { (SplitPart.Validation, 0.1), (SplitPart.Test, 0.05), (SplitPart.Train, 0.85) })
        {
            int n = parts.Count(p => p == part);
            double sd = Math.Sqrt(ids.Count * share * (1 - share));
            Assert.InRange(n, ids.Count * share - 5 * sd, ids.Count * share + 5 * sd);
        }
    }
}
