namespace Helix.FixTypes.Parsing;

/// <summary>Metadata names of the runtime types the generator and analyzers look for.</summary>
internal static class KnownNames
{
    public const string Ns = "Helix.FixTypes";
    public const string FixType = Ns + ".FixTypeAttribute";
    public const string FixSum = Ns + ".FixSumAttribute";
    public const string DefaultCase = Ns + ".DefaultCaseAttribute";
    public const string Nat = Ns + ".NatAttribute";
    public const string Range = Ns + ".RangeAttribute";
    public const string Bits = Ns + ".BitsAttribute";
    public const string Str = Ns + ".StrAttribute";
    public const string Default = Ns + ".DefaultAttribute";
    public const string DefaultFrom = Ns + ".DefaultFromAttribute";
    public const string FixWith = Ns + ".FixWithAttribute";
    public const string FixBase = Ns + ".FixBaseAttribute";
    public const string MapKeys = Ns + ".MapKeysAttribute";
    public const string RespectsEquiv = Ns + ".RespectsEquivAttribute";
    public const string FixList = Ns + ".FixList`1";
    public const string FixMap = Ns + ".FixMap`2";
    public const string JsonIgnore = "System.Text.Json.Serialization.JsonIgnoreAttribute";
}
