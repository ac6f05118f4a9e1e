namespace Helix.Bench.FixTypes;

/// <summary>The hand-written baseline: the same fields and the same fixing, written by hand in init accessors.</summary>
public sealed record BenchHandSettings
{
    private readonly int _threads = 8;
    private readonly long _budget;
    private readonly double _ratio;
    private readonly string _name = "";

    /// <summary>Threads, clamped to [1, 64].</summary>
    public int Threads { get => _threads; init => _threads = Math.Clamp(value, 1, 64); }
    /// <summary>A natural budget.</summary>
    public long Budget { get => _budget; init => _budget = value < 0 ? 0 : value; }
    /// <summary>A ratio in [0, 1].</summary>
    public double Ratio { get => _ratio; init => _ratio = value >= 0 ? (value <= 1 ? value : 1) : 0; }
    /// <summary>A non-null name.</summary>
    public string Name { get => _name; init => _name = value ?? ""; }

    /// <summary>Whether every field is in range.</summary>
    public static bool IsValid(BenchHandSettings? x) => x is not null && x._threads is >= 1 and <= 64 && x._budget >= 0 && x._ratio is >= 0 and <= 1 && x._name is not null;

    /// <summary>The instance itself when valid, else a fixed copy.</summary>
    public static BenchHandSettings Fix(BenchHandSettings? x) => x is null ? new() : IsValid(x) ? x : new() { Threads = x._threads, Budget = x._budget, Ratio = x._ratio, Name = x._name };
}
