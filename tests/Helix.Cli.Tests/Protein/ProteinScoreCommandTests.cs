using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Helix.Attention;
using Helix.Proteins.Model;
using Helix.Torch;
using Helix.Training;

namespace Helix.Cli.Tests.Protein;

/// <summary>
/// `helix protein score` as a user meets it: the argument is checked like the readers check files, results are plain
/// TSV on stdout, a damaged checkpoint or a cut-off gzip file is exit 2 with one line on stderr naming the file.
/// </summary>
public sealed class ProteinScoreCommandTests : IDisposable
{
    readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A tiny untrained protein model written as `helix protein train` would (model shape in the header).</summary>
    string TinyCheckpoint()
    {
        TorchRuntime.EnsureLoaded();
        TorchSharp.torch.random.manual_seed(1);
        var config = new ProteinModelConfig { Dim = 16, Depth = 1, Heads = 2, FeedForwardMultiplier = 2, MaxLength = 32, NumFeatures = 8, Dropout = 0 };
        using var model = new PerformerLM(config.ToPerformerConfig());
        var path = Path.Combine(_dir.Path, "model.ckpt");
        CheckpointFile.Write(path, new CheckpointHeader(0, 0, TorchRandomState.Get(), null, new JsonObject { ["model"] = config.ToJson() }, null, 0, 0, 0, 0), model, null);
        return path;
    }

    [Theory]
    [InlineData("MKT1AYIA", "position 4", "'1'")]
    [InlineData("MKTAY.IA", "position 6", "'.'")]
    public void TheSequenceArgumentIsCheckedLikeAFile(string sequence, string where, string what)
    {
        var (code, output, error) = InProcessHelix.Invoke("protein", "score", sequence, "--model", Path.Combine(_dir.Path, "absent.ckpt"));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(where, error);
        Assert.Contains(what, error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void ScoresArePlainTsvAndDamageIsAOneLineErrorNamingTheFile()
    {
        var model = TinyCheckpoint();
        var good = HelixProcess.Run("protein", "score", "MKTAYIAKQRQISFVKSHFSRQ", "--model", model);
        Assert.True(good.ExitCode == 0, good.StandardError);
        var lines = good.StandardOutput.TrimEnd('\n').Split('\n');
        Assert.Equal(["id\tlength\tpseudo_log_likelihood\tpseudo_perplexity"], lines[..1]);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("input\t22\t-", lines[1]);

        // A cut-off gzip file: nothing on stdout, one line on stderr naming the file.
        var text = new StringBuilder();
        for (int i = 0; i < 300; i++) text.Append($">P{i}\n").Append(TempFolder.Fasta(1, i).Split('\n')[1]).Append('\n');
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(text.ToString()));
        var cut = Path.Combine(_dir.Path, "cut.fasta.gz");
        File.WriteAllBytes(cut, ms.ToArray()[..^8]);
        var truncated = HelixProcess.Run("protein", "score", "--data", cut, "--model", model);
        Assert.Equal(2, truncated.ExitCode);
        Assert.Equal("", truncated.StandardOutput);
        Assert.Contains(cut, truncated.StandardError);
        Assert.Contains("trailer", truncated.StandardError);

        // 64 flipped bytes inside the weights: exit 2, the file named, the way out said.
        var bytes = File.ReadAllBytes(model);
        int middle = (8 + 4 + BitConverter.ToInt32(bytes, 8) + bytes.Length - 32) / 2;
        for (int i = middle; i < middle + 64; i++) bytes[i] ^= 0xFF;
        File.WriteAllBytes(model, bytes);
        var damaged = HelixProcess.Run("protein", "score", "MKTAYIAKQRQ", "--model", model);
        Assert.Equal(2, damaged.ExitCode);
        Assert.Equal("", damaged.StandardOutput);
        Assert.Contains(model, damaged.StandardError);
        Assert.Contains("checksum", damaged.StandardError);
        Assert.Single(damaged.StandardError.TrimEnd('\n').Split('\n'));
    }
}
