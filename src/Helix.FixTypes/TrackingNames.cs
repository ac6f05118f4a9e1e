namespace Helix.FixTypes;

/// <summary>Names of the generator's pipeline steps, for Roslyn's incremental-step tracking: tests read
/// <c>GeneratorRunResult.TrackedSteps[name]</c> to prove that an edit leaves unrelated models unchanged.</summary>
internal static class TrackingNames
{
    /// <summary>The compilation flags (CsCheck, xunit referenced).</summary>
    public const string Flags = "FixTypes.Flags";

    /// <summary>Each file's syntax summary (<see cref="Pipeline.TreeShape"/>): rebuilt only for edited files.</summary>
    public const string Shapes = "FixTypes.Shapes";

    /// <summary>What every [FixType] model depends on (<see cref="Pipeline.GlobalKey"/>): when it changes, all are parsed again.</summary>
    public const string Global = "FixTypes.Global";

    /// <summary>One <see cref="Pipeline.TypeKey"/> per attributed record declaration.</summary>
    public const string Keys = "FixTypes.Keys";

    /// <summary>One <see cref="Model.TypeModel"/> per [FixType] record (null for a malformed one): parsed only when its
    /// <see cref="Keys"/> entry or <see cref="Global"/> changed, otherwise Cached.</summary>
    public const string Types = "FixTypes.Types";

    /// <summary>One <see cref="Model.SumModel"/> per [FixSum] record (null for a malformed one), as parsed on each run.</summary>
    public const string Sums = "FixTypes.Sums";

    /// <summary>One <see cref="Model.RespectsEquivModel"/> per [RespectsEquiv] method (null when it does not qualify).</summary>
    public const string Respects = "FixTypes.Respects";
}
