using Helix.Core;
using System.Text.Json.Nodes;

namespace Helix.Training;

/// <summary>
/// The JSON part of a checkpoint: where training stands and the caller's config. The tensors (model, optimizer)
/// follow it in the same file.
/// </summary>
/// <param name="Step">Optimizer steps done when it was written.</param>
/// <param name="DataRngState">State of the trainer's <see cref="SplitMix64"/>.</param>
/// <param name="TorchRngState">libtorch's CPU generator state (dropout, projection redraws), as bytes.</param>
/// <param name="SourceState">The batch source's position (<see cref="IBatchSource{TBatch}.SaveState"/>).</param>
/// <param name="Config">The caller's configuration (model shape, data options), opaque to the trainer.</param>
/// <param name="Options">The training options in force, as JSON (for reports; resume takes the caller's).</param>
/// <param name="ElapsedSeconds">Training time so far.</param>
/// <param name="TokensSeen">Training tokens so far.</param>
/// <param name="SmoothedLoss">The progress bar's moving-average loss, so it continues smoothly.</param>
/// <param name="SmoothedAccuracy">The moving-average accuracy.</param>
public sealed record CheckpointHeader(long Step, ulong DataRngState, byte[] TorchRngState, JsonNode? SourceState,
    JsonNode? Config, JsonNode? Options, double ElapsedSeconds, long TokensSeen, double SmoothedLoss, double SmoothedAccuracy)
{
    internal JsonObject ToJson() => new()
    {
        ["format"] = "helix-checkpoint",
        ["version"] = 1,
        ["step"] = Step,
        ["dataRngState"] = DataRngState.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["torchRngState"] = Convert.ToBase64String(TorchRngState),
        ["sourceState"] = SourceState?.DeepClone(),
        ["config"] = Config?.DeepClone(),
        ["options"] = Options?.DeepClone(),
        ["elapsedSeconds"] = ElapsedSeconds,
        ["tokensSeen"] = TokensSeen,
        ["smoothedLoss"] = SmoothedLoss,
        ["smoothedAccuracy"] = SmoothedAccuracy,
    };

    internal static CheckpointHeader FromJson(JsonObject o, string path)
    {
        try
        {
            if ((string?)o["format"] != "helix-checkpoint") throw new FormatException("not a Helix checkpoint header");
            return new CheckpointHeader(
                (long)o["step"]!,
                ulong.Parse((string)o["dataRngState"]!, System.Globalization.CultureInfo.InvariantCulture),
                Convert.FromBase64String((string)o["torchRngState"]!),
                o["sourceState"]?.DeepClone(), o["config"]?.DeepClone(), o["options"]?.DeepClone(),
                (double)o["elapsedSeconds"]!, (long)o["tokensSeen"]!, (double)o["smoothedLoss"]!, (double)o["smoothedAccuracy"]!);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or NullReferenceException or OverflowException)
        {
            throw new InvalidDataException($"{path}: the checkpoint header is damaged ({e.Message}); delete the file or start the run afresh.", e);
        }
    }
}
