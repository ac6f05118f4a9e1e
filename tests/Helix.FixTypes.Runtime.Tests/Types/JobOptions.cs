namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>A training-run-like options record: a <c>required</c> member and defaults that are not constants
/// (<see cref="DefaultFromAttribute"/>), in reject mode.</summary>
[FixType(OnInvalid = FixPolicy.Reject)]
public sealed partial record JobOptions
{
    public required partial string DataPath { get; init; }
    [Str(Trim = true), DefaultFrom(nameof(DefaultOutput))] public partial string Output { get; init; }
    [DefaultFrom(nameof(DefaultSchedule))] public partial Schedule Schedule { get; init; }
    [Range(1, int.MaxValue), Default(8)] public partial int BatchSize { get; init; }

    /// <summary>Built at run time, and not in normal form: the default is fixed too.</summary>
    private static string DefaultOutput => " " + Path.Combine("runs", "job") + " ";

    private static Schedule DefaultSchedule() => new(500, 1e-3);

    private static partial Exception Invalid(string property, string reason) => new ArgumentException(reason, property);
}

/// <summary>A plain record (not a fixtype) used as a field.</summary>
public sealed record Schedule(int Steps, double Rate);
