using System.Text.Json;
using System.Text.Json.Nodes;

namespace Helix.Cli.Lm;

/// <summary>The model shape and data settings of an `lm train` run, stored in its checkpoints so `--resume` rebuilds the same model.</summary>
internal sealed record LmModelSettings(int Dim, int Depth, int Heads, int Features, int Length, double Dropout, string Tokens, int VocabSize)
{
    public JsonNode ToJson() => JsonSerializer.SerializeToNode(this)!;

    public static LmModelSettings FromJson(JsonNode? node, string path) =>
        (node is null ? null : node.Deserialize<LmModelSettings>())
        ?? throw new InvalidDataException($"{path}: the checkpoint holds no `lm train` model settings; it was written by another command.");
}
