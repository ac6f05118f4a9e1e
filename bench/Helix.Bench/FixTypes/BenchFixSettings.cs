using Helix.FixTypes;

namespace Helix.Bench.FixTypes;

/// <summary>The fixtype side of the benchmark: four fixed fields.</summary>
[FixType]
public sealed partial record BenchFixSettings
{
    /// <summary>Threads, clamped to [1, 64].</summary>
    [Range(1, 64), Default(8)] public partial int Threads { get; init; }
    /// <summary>A natural budget.</summary>
    [Nat] public partial long Budget { get; init; }
    /// <summary>A ratio in [0, 1].</summary>
    [Range(0.0, 1.0)] public partial double Ratio { get; init; }
    /// <summary>A non-null name.</summary>
    public partial string Name { get; init; }
}
