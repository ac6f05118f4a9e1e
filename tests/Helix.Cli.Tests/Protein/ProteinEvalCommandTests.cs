using System.Text.Json.Nodes;
using Helix.Attention;
using Helix.Proteins.Data;
using Helix.Proteins.Jobs;
using Helix.Proteins.Masking;
using Helix.Proteins.Model;
using Helix.Torch;
using Helix.Training;

namespace Helix.Cli.Tests.Protein;

/// <summary>`helix protein eval` on a checkpoint's own test split: the model beside the unigram, ±2 and lookup baselines.</summary>
public sealed class ProteinEvalCommandTests : IDisposable
{
    readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReportsTheLookupBaselineAndItsCoverageBesideTheModel()
    {
        var data = _dir.Write("corpus.fasta", TempFolder.Fasta(120, 3));
        TorchRuntime.EnsureLoaded();
        TorchSharp.torch.random.manual_seed(1);
        var config = new ProteinModelConfig { Dim = 16, Depth = 1, Heads = 2, FeedForwardMultiplier = 2, MaxLength = 32, NumFeatures = 8, Dropout = 0 };
        var run = new ProteinRunConfig(config, new ProteinDataConfig(data, 4, 32, false, new MaskingOptions(), 0.2, 0.2, new KmerClusteringOptions()));
        using var model = new PerformerLM(config.ToPerformerConfig());
        var path = Path.Combine(_dir.Path, "model.ckpt");
        CheckpointFile.Write(path, new CheckpointHeader(0, 0, TorchRandomState.Get(), null, run.ToJson(), null, 0, 0, 0, 0), model, null);

        var (code, output, error) = InProcessHelix.Invoke("protein", "eval", "--model", path, "--shuffle-proteins", "0", "--globins", "none", "--json");
        Assert.True(code == 0, error);
        var scores = JsonNode.Parse(output)!["scores"]!;
        var testProteins = TokenizedCorpusOf(data).Ids.Count(id => run.Data.Split.Assign(id) == SplitPart.Test);   // random proteins: all singletons
        Assert.Equal(testProteins, (int)scores["Proteins"]!);
        Assert.True((long)scores["Lookup"]!["Targets"]! == (long)scores["Model"]!["Targets"]!);
        // Random proteins share no ±6 context with the training split, masked or not.
        Assert.Equal(0.0, (double)scores["UnmaskedLookupCoverage"]!);
        Assert.NotNull(scores["Context"]);

        // The table (Spectre writes it to the real stdout, so a child process; headers may wrap at its width).
        var table = HelixProcess.Run("protein", "eval", "--model", path, "--shuffle-proteins", "0", "--globins", "none");
        Assert.True(table.ExitCode == 0, table.StandardError);
        Assert.Contains("lookup", table.StandardOutput);
        Assert.Contains("*** the same with exact contexts", table.StandardOutput);
    }

    static Helix.Proteins.Tokenization.TokenizedCorpus TokenizedCorpusOf(string path) =>
        Helix.Proteins.Tokenization.TokenizedCorpus.Build(SequenceFile.Read(path));
}
