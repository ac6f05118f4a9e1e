namespace Helix.FixTypes;

/// <summary>Names of the generator's pipeline steps, for Roslyn's incremental-step tracking: tests read
/// <c>GeneratorRunResult.TrackedSteps[name]</c> to prove that an edit leaves unrelated models unchanged.</summary>
internal static class TrackingNames
{
    /// <summary>The compilation flags (CsCheck, xunit referenced).</summary>
    public const string Flags = "FixTypes.Flags";

    /// <summary>One <see cref="Model.TypeModel"/> per [FixType] record (null for a malformed one), as parsed on each run.</summary>
    public const string Types = "FixTypes.Types";

    /// <summary>One <see cref="Model.SumModel"/> per [FixSum] record (null for a malformed one), as parsed on each run.</summary>
    public const string Sums = "FixTypes.Sums";

    /// <summary>One <see cref="Model.RespectsEquivModel"/> per [RespectsEquiv] method (null when it does not qualify).</summary>
    public const string Respects = "FixTypes.Respects";
}
