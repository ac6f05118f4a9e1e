using Helix.Core;
using System.Text.Json.Nodes;

namespace Helix.Training;

/// <summary>
/// Supplies training batches. All randomness comes from the <see cref="SplitMix64"/> the trainer passes, and any
/// position the source keeps (epoch order, cursor) is saved through <see cref="SaveState"/>, so a resumed run sees
/// the same batches as an uninterrupted one.
/// </summary>
public interface IBatchSource<out TBatch>
{
    /// <summary>The next batch; draws its randomness from <paramref name="rng"/>.</summary>
    TBatch Next(SplitMix64 rng);

    /// <summary>The source's position, for a checkpoint (null when it keeps none).</summary>
    JsonNode? SaveState();

    /// <summary>Restores a position written by <see cref="SaveState"/>.</summary>
    void LoadState(JsonNode? state);
}
