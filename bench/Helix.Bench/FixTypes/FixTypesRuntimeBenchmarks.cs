using BenchmarkDotNet.Attributes;

namespace Helix.Bench.FixTypes;

/// <summary>
/// BenchmarkDotNet pairs for `helix bench fixtypes`: each Fixtype… method has a Hand… (or Vogen…) twin doing the same
/// work on the hand-written record (or Vogen struct). Inputs are instance fields set in <see cref="Setup"/>, so the JIT
/// cannot fold them; constructions return the value, so it escapes to the heap in both twins alike.
/// </summary>
[MemoryDiagnoser]
public class FixTypesRuntimeBenchmarks
{
    private int _threads, _badThreads, _level;
    private long _budget, _badBudget;
    private double _ratio, _badRatio;
    private string _name = "", _otherName = "";
    private BenchFixSettings _fa = BenchFixSettings.Default, _fb = BenchFixSettings.Default;
    private BenchHandSettings _ha = new(), _hb = new();

    /// <summary>Valid and out-of-range inputs, and pairs of equal values built separately.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (_threads, _budget, _ratio, _name, _level) = (4, 10, 0.5, "x", 42);
        (_badThreads, _badBudget, _badRatio, _otherName) = (500, -3, 1.5, "y");
        _fa = new BenchFixSettings { Threads = _threads, Budget = _budget, Ratio = _ratio, Name = _name };
        _fb = new BenchFixSettings { Threads = _threads, Budget = _budget, Ratio = _ratio, Name = new string('x', 1) };
        _ha = new BenchHandSettings { Threads = _threads, Budget = _budget, Ratio = _ratio, Name = _name };
        _hb = new BenchHandSettings { Threads = _threads, Budget = _budget, Ratio = _ratio, Name = new string('x', 1) };
    }

    /// <summary>Construct with valid values (every field checked).</summary>
    [Benchmark] public BenchFixSettings FixtypeConstruct() => new() { Threads = _threads, Budget = _budget, Ratio = _ratio, Name = _name };

    /// <summary>Twin of <see cref="FixtypeConstruct"/>.</summary>
    [Benchmark] public BenchHandSettings HandConstruct() => new() { Threads = _threads, Budget = _budget, Ratio = _ratio, Name = _name };

    /// <summary>Construct with out-of-range values (every field fixed).</summary>
    [Benchmark] public BenchFixSettings FixtypeConstructFixing() => new() { Threads = _badThreads, Budget = _badBudget, Ratio = _badRatio, Name = null! };

    /// <summary>Twin of <see cref="FixtypeConstructFixing"/>.</summary>
    [Benchmark] public BenchHandSettings HandConstructFixing() => new() { Threads = _badThreads, Budget = _badBudget, Ratio = _badRatio, Name = null! };

    /// <summary>Fix of a valid value (returns the same instance).</summary>
    [Benchmark] public BenchFixSettings FixtypeFix() => BenchFixSettings.Fix(_fa);

    /// <summary>Twin of <see cref="FixtypeFix"/>.</summary>
    [Benchmark] public BenchHandSettings HandFix() => BenchHandSettings.Fix(_ha);

    /// <summary>A non-destructive update through an init accessor.</summary>
    [Benchmark] public BenchFixSettings FixtypeWith() => _fa with { Name = _otherName };

    /// <summary>Twin of <see cref="FixtypeWith"/>.</summary>
    [Benchmark] public BenchHandSettings HandWith() => _ha with { Name = _otherName };

    /// <summary>Equality of two equal values (different string instances).</summary>
    [Benchmark] public bool FixtypeEquals() => _fa.Equals(_fb);

    /// <summary>Twin of <see cref="FixtypeEquals"/>.</summary>
    [Benchmark] public bool HandEquals() => _ha.Equals(_hb);

    /// <summary>Hash code.</summary>
    [Benchmark] public int FixtypeHash() => _fa.GetHashCode();

    /// <summary>Twin of <see cref="FixtypeHash"/>.</summary>
    [Benchmark] public int HandHash() => _ha.GetHashCode();

    /// <summary>A single-value fixtype struct (clamps).</summary>
    [Benchmark] public BenchFixLevel FixtypeLevel() => new() { Value = _level };

    /// <summary>The Vogen struct (validates and throws).</summary>
    [Benchmark] public BenchVogenLevel VogenLevel() => BenchVogenLevel.From(_level);
}
