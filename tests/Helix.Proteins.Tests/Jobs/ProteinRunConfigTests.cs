using System.Text.Json.Nodes;
using Helix.Proteins.Data;
using Helix.Proteins.Jobs;
using Helix.Proteins.Masking;
using Helix.Proteins.Model;

namespace Helix.Proteins.Tests.Jobs;

public class ProteinRunConfigTests
{
    [Fact]
    public void TheHomologySplitSurvivesTheCheckpointAndOldCheckpointsKeepTheirIdSplit()
    {
        var data = new ProteinDataConfig("/data/db.fasta", 8, 64, false, new MaskingOptions(), 0.05, 0.05,
            new KmerClusteringOptions { KmerLength = 8, MinDistinctResidues = 4 }, 0.02);
        var json = new ProteinRunConfig(new ProteinModelConfig(), data).ToJson();
        var back = ProteinRunConfig.FromJson(JsonNode.Parse(json.ToJsonString()), "test");
        Assert.Equal(data, back.Data);
        Assert.Equal(new DatasetSplit(0.05, 0.05) { Clustering = data.Clustering, TrainOnlyClusterShare = 0.02 }, back.Data.Split);

        // A checkpoint written before the homology split has no clustering: it was split by id, and stays so.
        var old = JsonNode.Parse(json.ToJsonString())!;
        old["data"]!.AsObject().Remove("clustering");
        old["data"]!.AsObject().Remove("trainOnlyClusterShare");
        Assert.Null(ProteinRunConfig.FromJson(old, "old").Data.Split.Clustering);
    }
}
