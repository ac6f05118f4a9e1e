using System.Text.Json;
using System.Text.Json.Nodes;
using Helix.Core;
using Helix.FixTypes.Json;
using Helix.LanguageModels.Data;

namespace Helix.LanguageModels.Jobs;

/// <summary>What an LM checkpoint stores besides the tensors: the model shape and the tokens it was trained on.</summary>
/// <param name="Model">The model shape.</param>
/// <param name="Tokens">The token kind (never <see cref="LmTokens.Auto"/>).</param>
/// <param name="VocabSize">Token ids, padding included.</param>
internal sealed record LmRunConfig(LmModelConfig Model, LmTokens Tokens, int VocabSize)
{
    const string Kind = "helix-lm";

    /// <summary>A checkpoint's model shape is read strictly: a bad value means a damaged file (fixing it would build a
    /// model that the saved weights do not fit), reported with its JSON path.</summary>
    static readonly JsonSerializerOptions StrictJson = FixJson.Strict();

    public JsonNode ToJson() => new JsonObject
    {
        ["kind"] = Kind, ["model"] = JsonSerializer.SerializeToNode(Model), ["tokens"] = Tokens.ToString(), ["vocabSize"] = VocabSize,
    };

    /// <exception cref="InvalidInputException">The checkpoint was not written by an LM run.</exception>
    public static LmRunConfig FromJson(JsonNode? node, string path)
    {
        try
        {
            if (node is JsonObject o && (string?)o["kind"] == Kind)
                return new LmRunConfig(o["model"].Deserialize<LmModelConfig>(StrictJson)!, Enum.Parse<LmTokens>((string)o["tokens"]!), (int)o["vocabSize"]!);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException or NullReferenceException)
        {
            throw new InvalidInputException(path, 0, 0, $"the checkpoint's language-model settings are damaged ({e.Message}).", e);
        }
        throw new InvalidInputException(path, 0, 0, "the checkpoint holds no language-model settings; it was written by another kind of run.");
    }
}
