using System.Text.Json;
using System.Text.Json.Nodes;
using Helix.Attention;
using Helix.Core;

namespace Helix.Interop;

/// <summary>
/// Exports a <see cref="PerformerLM"/> into a folder that PyTorch can use (the scale-out path) and imports such a
/// folder back: <c>config.json</c> (the architecture, snake_case, read by <c>interop/python/helix_performer.py</c>),
/// <c>model.safetensors</c> and <c>model.pt</c> (the same state dict in both formats; projections included, so
/// FAVOR+ gives the same outputs on both sides). A folder written by PyTorch after training elsewhere (for example
/// with DistributedDataParallel) loads back with <see cref="Import"/>.
/// </summary>
public static class PerformerExport
{
    /// <summary>The config file's name inside an export folder.</summary>
    public const string ConfigFile = "config.json";
    /// <summary>The safetensors weights' name inside an export folder.</summary>
    public const string SafetensorsFile = "model.safetensors";
    /// <summary>The PyTorch weights' name inside an export folder.</summary>
    public const string PyTorchFile = "model.pt";

    /// <summary>Writes config and weights (both formats) of <paramref name="model"/> into <paramref name="directory"/>.</summary>
    public static void Export(PerformerLM model, string directory)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = model.Config;
        if (config.Attention.FeatureMap == FeatureMapKind.Custom)
            throw new InvalidOptionException(nameof(AttentionConfig.FeatureMap),
                "a custom feature function is C# code and cannot be exported; use a built-in feature map");
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, ConfigFile), ToJson(config).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        ModelWeights.Save(model, Path.Combine(directory, SafetensorsFile));
        ModelWeights.Save(model, Path.Combine(directory, PyTorchFile));
    }

    /// <summary>
    /// Builds the model that <paramref name="directory"/>'s <c>config.json</c> describes and loads its weights
    /// (<c>model.safetensors</c> when present, else <c>model.pt</c>).
    /// </summary>
    public static PerformerLM Import(string directory)
    {
        var configPath = Path.Combine(directory, ConfigFile);
        if (!File.Exists(configPath)) throw new FileNotFoundException($"no {ConfigFile} in {directory}: export the model with PerformerExport.Export (or the Python reference's save_helix)", configPath);
        var config = FromJson(configPath, File.ReadAllText(configPath));
        var model = new PerformerLM(config);
        var weights = Path.Combine(directory, SafetensorsFile);
        if (!File.Exists(weights)) weights = Path.Combine(directory, PyTorchFile);
        ModelWeights.Load(model, weights);
        model.eval();
        return model;
    }

    /// <summary>The architecture as the JSON object that the Python reference reads.</summary>
    public static JsonObject ToJson(PerformerConfig c) => new()
    {
        ["format"] = "helix-performer-lm/1",
        ["vocab_size"] = c.VocabSize, ["dim"] = c.Dim, ["depth"] = c.Depth, ["heads"] = c.Heads,
        ["ff_mult"] = c.FeedForwardMultiplier, ["dropout"] = c.Dropout, ["max_length"] = c.MaxLength,
        ["position"] = Snake(c.Position.ToString()), ["causal"] = c.Causal, ["tie_embeddings"] = c.TieEmbeddings,
        ["local_mix_kernel"] = c.LocalMixKernel, ["context_ngram_buckets"] = c.ContextNgramBuckets,
        ["attention"] = new JsonObject
        {
            ["mechanism"] = Snake(c.Attention.Mechanism.ToString()), ["num_features"] = c.Attention.NumFeatures,
            ["feature_map"] = Snake(c.Attention.FeatureMap.ToString()),
            ["use_projection_for_generalized"] = c.Attention.UseProjectionForGeneralized,
            ["projection"] = Snake(c.Attention.Projection.ToString()), ["row_norms"] = Snake(c.Attention.RowNorms.ToString()),
            ["seed"] = c.Attention.Seed,
        },
    };

    /// <summary>Reads the JSON that <see cref="ToJson"/> writes; errors name the file and the field.</summary>
    public static PerformerConfig FromJson(string file, string json)
    {
        JsonNode root;
        try { root = JsonNode.Parse(json) ?? throw new JsonException("empty document"); }
        catch (JsonException e) { throw new InvalidInputException(file, 0, 0, $"not valid JSON: {e.Message}", e); }
        T Field<T>(JsonNode? node, string name)
        {
            var v = node?[name] ?? throw new InvalidInputException(file, 0, 0, $"missing field '{name}'");
            try { return v.GetValue<T>(); }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            { throw new InvalidInputException(file, 0, 0, $"field '{name}' must be a {typeof(T).Name}, got {v.ToJsonString()}", e); }
        }
        TEnum Enum<TEnum>(JsonNode? node, string name) where TEnum : struct, System.Enum
        {
            var text = Field<string>(node, name).Replace("_", "");
            return System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) ? value
                : throw new InvalidInputException(file, 0, 0, $"field '{name}' is '{text}'; expected one of {string.Join(", ", System.Enum.GetNames<TEnum>().Select(Snake))}");
        }
        var a = root["attention"];
        return new PerformerConfig
        {
            VocabSize = Field<int>(root, "vocab_size"), Dim = Field<int>(root, "dim"), Depth = Field<int>(root, "depth"),
            Heads = Field<int>(root, "heads"), FeedForwardMultiplier = Field<int>(root, "ff_mult"),
            Dropout = Field<double>(root, "dropout"), MaxLength = Field<int>(root, "max_length"),
            Position = Enum<PositionKind>(root, "position"), Causal = Field<bool>(root, "causal"),
            TieEmbeddings = Field<bool>(root, "tie_embeddings"),
            LocalMixKernel = root["local_mix_kernel"] is null ? 0 : Field<int>(root, "local_mix_kernel"),
            ContextNgramBuckets = root["context_ngram_buckets"] is null ? 0 : Field<int>(root, "context_ngram_buckets"),
            Attention = new AttentionConfig
            {
                Mechanism = Enum<AttentionMechanism>(a, "mechanism"), NumFeatures = Field<int>(a, "num_features"),
                FeatureMap = Enum<FeatureMapKind>(a, "feature_map"),
                UseProjectionForGeneralized = Field<bool>(a, "use_projection_for_generalized"),
                Projection = Enum<ProjectionKind>(a, "projection"), RowNorms = Enum<RowNormKind>(a, "row_norms"),
                Seed = Field<long>(a, "seed"),
            },
        };
    }

    static string Snake(string pascal) =>
        string.Concat(pascal.Select((ch, i) => char.IsUpper(ch) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(ch) : ch.ToString()));
}
