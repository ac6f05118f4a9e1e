using Vogen;

namespace Helix.Bench.FixTypes;

/// <summary>The Vogen baseline: a validated value object that throws on an invalid value.</summary>
[ValueObject<int>]
public readonly partial struct BenchVogenLevel
{
    private static Validation Validate(int value) => value is >= 0 and <= 100 ? Validation.Ok : Validation.Invalid("level must be in [0, 100]");
}
