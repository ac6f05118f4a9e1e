using Helix.Core;
using Helix.FixTypes;

namespace Helix.LanguageModels.Jobs;

/// <summary>
/// The shape of a causal Performer language model (rotary positions, FAVOR+ attention). Saved in the checkpoint, so a
/// resumed run rebuilds the same model whatever its options say. A fixtype in reject mode: each field's constraint is
/// declared on it and an assignment of an invalid value throws <see cref="InvalidOptionException"/> naming the
/// property ("Dim: must be at least 1, got 0"); the requirement across fields (<see cref="Heads"/> divides
/// <see cref="Dim"/>) is checked by <see cref="Validate"/>, which the training job calls first.
/// </summary>
[FixType(OnInvalid = FixPolicy.Reject)]
public sealed partial record LmModelConfig : IValidatable<LmModelConfig>
{
    /// <summary>Model width.</summary>
    [Range(1, int.MaxValue), Default(128)] public partial int Dim { get; init; }
    /// <summary>Layers.</summary>
    [Range(1, int.MaxValue), Default(2)] public partial int Depth { get; init; }
    /// <summary>Attention heads (must divide <see cref="Dim"/>).</summary>
    [Range(1, int.MaxValue), Default(4)] public partial int Heads { get; init; }
    /// <summary>FAVOR+ random features m per head.</summary>
    [Range(1, int.MaxValue), Default(64)] public partial int Features { get; init; }
    /// <summary>Training sequence length L (tokens per row).</summary>
    [Range(1, int.MaxValue), Default(512)] public partial int Length { get; init; }
    /// <summary>Dropout probability, in [0, 1).</summary>
    [FixWith(typeof(Probability)), Default(0.1)] public partial double Dropout { get; init; }

    /// <summary>Returns this when it is valid; otherwise throws <see cref="InvalidOptionException"/> naming the property
    /// (the fields are checked on assignment; this adds the requirement across them: the heads divide the width).</summary>
    public LmModelConfig Validate() => Checked();

    /// <summary>The requirement across fields: the width splits evenly over the heads.</summary>
    private static (string Property, string Reason)? WhyAcross(LmModelConfig x) =>
        x.Dim % x.Heads == 0 ? null : (nameof(Heads), $"{x.Heads} heads must divide the width {x.Dim}");

    /// <summary>Its repair (used by <c>Fix</c> and by JSON reading outside strict mode): the largest divisor of the width
    /// not above the heads.</summary>
    private static LmModelConfig FixAcross(LmModelConfig x)
    {
        int heads = x.Heads;
        while (x.Dim % heads != 0) heads--;
        return x with { Heads = heads };
    }

    private static partial Exception Invalid(string property, string reason) => new InvalidOptionException(property, reason);

    /// <summary>Dropout probabilities: in [0, 1); others fix to the nearest such value (NaN to 0).</summary>
    private sealed class Probability : IFixer<double>
    {
        public const string Description = "at least 0 and below 1";

        public static bool IsValid(double value) => value is >= 0 and < 1;

        public static double Fix(double value) => value >= 0 ? (value < 1 ? value : Math.BitDecrement(1.0)) : 0;
    }
}
