using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Helix.Proteins.Data;
using Helix.Proteins.Masking;
using Helix.Proteins.Model;
using Helix.Training;

namespace Helix.Proteins.Jobs;

/// <summary>
/// What a protein checkpoint records about its run besides the weights: the model's shape and how its data was
/// read, split, batched and masked. Stored as the checkpoint's config JSON (<c>{"model": ..., "data": ...}</c>), so
/// <c>eval</c>, <c>fill</c>, <c>score</c> and <c>embed</c> rebuild everything from the file alone.
/// </summary>
/// <param name="Model">The model's shape.</param>
/// <param name="Data">The data settings.</param>
public sealed record ProteinRunConfig(ProteinModelConfig Model, ProteinDataConfig Data)
{
    // camelCase keys as written before this record existed; read case-insensitively so both spellings load.
    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true, Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>This configuration as the checkpoint's config JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["model"] = Model.ToJson(),
        ["data"] = JsonSerializer.SerializeToNode(Data, Json),
    };

    /// <summary>Reads a configuration written by <see cref="ToJson"/>; throws <see cref="InvalidDataException"/> when a part is missing.</summary>
    public static ProteinRunConfig FromJson(JsonNode? node, string source)
    {
        var model = node?["model"] ?? throw new InvalidDataException($"{source}: not a protein model checkpoint (its config has no 'model').");
        var data = node["data"] ?? throw new InvalidDataException($"{source}: the checkpoint's config has no 'data'.");
        return new ProteinRunConfig(ProteinModelConfig.FromJson(model),
            data.Deserialize<ProteinDataConfig>(Json) ?? throw new InvalidDataException($"{source}: empty data configuration"));
    }

    /// <summary>The configuration stored in the checkpoint at <paramref name="checkpointPath"/>.</summary>
    public static ProteinRunConfig Read(string checkpointPath) => FromJson(CheckpointFile.ReadHeader(checkpointPath).Config, checkpointPath);
}

/// <summary>How a run read, split, batched and masked its data.</summary>
/// <param name="Path">The training corpus (full path).</param>
/// <param name="BatchSize">Rows per batch.</param>
/// <param name="Length">Window length L.</param>
/// <param name="Concatenated">Windows cut from the EOS-joined stream rather than one protein per row.</param>
/// <param name="Masking">The training masking (evaluation uses its probability to choose scored positions).</param>
/// <param name="ValidationFraction">Share of ids in the validation split.</param>
/// <param name="TestFraction">Share of ids in the test split.</param>
/// <param name="Clustering">The homology clustering the split was drawn by; null: each protein by its own id (checkpoints written before the homology split have none).</param>
/// <param name="TrainOnlyClusterShare">Clusters above this share of the corpus went to train.</param>
public sealed record ProteinDataConfig(string Path, int BatchSize, int Length, bool Concatenated, MaskingOptions Masking,
    double ValidationFraction, double TestFraction, KmerClusteringOptions? Clustering = null, double TrainOnlyClusterShare = 0.01)
{
    /// <summary>The split these settings define.</summary>
    public DatasetSplit Split => new(ValidationFraction, TestFraction) { Clustering = Clustering, TrainOnlyClusterShare = TrainOnlyClusterShare };
}
