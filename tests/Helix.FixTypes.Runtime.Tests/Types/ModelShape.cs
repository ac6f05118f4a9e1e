namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>A cross-field requirement in reject mode, as in a model configuration: the heads divide the width. A bad
/// value is rejected by <see cref="Validate"/> (naming Heads); Fix lowers the heads to the largest divisor of the width.</summary>
[FixType(OnInvalid = FixPolicy.Reject)]
public sealed partial record ModelShape
{
    [Range(1, 4096), Default(128)] public partial int Dim { get; init; }
    [Range(1, 64), Default(4)] public partial int Heads { get; init; }

    public ModelShape Validate() => Checked();

    private static (string Property, string Reason)? WhyAcross(ModelShape x) =>
        x.Dim % x.Heads == 0 ? null : (nameof(Heads), $"{x.Heads} heads must divide the width {x.Dim}");

    private static ModelShape FixAcross(ModelShape x)
    {
        int h = x.Heads;
        while (x.Dim % h != 0) h--;
        return x with { Heads = h };
    }

    private static partial Exception Invalid(string property, string reason) => new ArgumentException(reason, property);
}
