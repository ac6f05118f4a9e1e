namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>Every base fixtype.</summary>
[FixType]
public partial record Scalars
{
    [Nat] public partial int Count { get; init; }
    [Range(1, 10), Default(5)] public partial int Level { get; init; }
    [Range(0, 359, Mode = RangeMode.Wrap)] public partial int Angle { get; init; }
    [Range(0.0, 1.0)] public partial double Ratio { get; init; }
    public partial bool Flag { get; init; }
    [Str(Trim = true, Case = StrCase.Lower, Form = StrForm.C, MaxLength = 16)] public partial string Name { get; init; }
    [Default(Color.Green)] public partial Color Color { get; init; }
    public partial Perm Perm { get; init; }
    [Bits(8)] public partial int Byte { get; init; }
    [Bits(4, Signed = true)] public partial long Nibble { get; init; }
    [FixWith(typeof(EvenFixer))] public partial int Even { get; init; }
    public partial Percent Share { get; init; }
}
