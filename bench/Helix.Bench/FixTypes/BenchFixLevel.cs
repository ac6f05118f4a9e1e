using Helix.FixTypes;

namespace Helix.Bench.FixTypes;

/// <summary>A single-value fixtype (compared with Vogen).</summary>
[FixType]
public partial record struct BenchFixLevel
{
    /// <summary>The level, clamped to [0, 100].</summary>
    [Range(0, 100)] public partial int Value { get; init; }
}
