using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;
using Helix.FixTypes.Json;

namespace Helix.FixTypes.Runtime.Tests;

/// <summary>The fixtype laws, checked over raw values (made without fixing, often invalid) from the generated
/// CsCheck generators.</summary>
internal static class FixLaws
{
    public const long Iter = 400;

    public static readonly JsonSerializerOptions Lenient = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
    public static readonly JsonSerializerOptions Strict = FixJson.Strict(Lenient);

    public static void Check<T>(Gen<T> raw, bool jsonOrderStable = true) where T : IFixType<T>
    {
        // IsValid(Fix x).
        raw.Sample(x => T.IsValid(T.Fix(x)), iter: Iter);
        // IsValid x => Fix x = x (the same instance for records).
        raw.Sample(x => !T.IsValid(x) || (typeof(T).IsValueType ? T.Fix(x)!.Equals(x) : ReferenceEquals(T.Fix(x), x)), iter: Iter);
        // Fix o Fix = Fix.
        raw.Sample(x => T.Fix(T.Fix(x)).Equals(T.Fix(x)), iter: Iter);
        // The generator makes invalid values too (otherwise the laws above prove little).
        Assert.True(raw.Array[200].Single().Any(x => !T.IsValid(x)), typeof(T).Name + ": the raw generator made no invalid value");
        // Equiv(x, y) <=> Fix x = Fix y, against an independent equality (the JSON text of the fixed values), and hashes agree.
        Gen.Select(raw, raw).Sample((x, y) =>
        {
            bool equiv = T.Equiv(x, y);
            if (equiv != T.Fix(x).Equals(T.Fix(y))) return false;
            if (equiv && T.Fix(x).GetHashCode() != T.Fix(y).GetHashCode()) return false;
            if (jsonOrderStable && equiv != (Json(T.Fix(x)) == Json(T.Fix(y)))) return false;
            return true;
        }, iter: Iter);
        // Equiv(x, Fix x), with equal hashes of equal values built apart (through JSON).
        raw.Sample(x =>
        {
            var f = T.Fix(x);
            var copy = JsonSerializer.Deserialize<T>(Json(f), Lenient)!;
            return T.Equiv(x, f) && copy.Equals(f) && copy.GetHashCode() == f.GetHashCode();
        }, iter: Iter);
        // Lenient JSON fixes on read: read(write(x)) = Fix x.
        raw.Sample(x => JsonSerializer.Deserialize<T>(Json(x), Lenient)!.Equals(T.Fix(x)), iter: Iter);
        // Strict JSON accepts exactly the valid values.
        raw.Sample(x =>
        {
            string text = Json(x);
            try
            {
                var back = JsonSerializer.Deserialize<T>(text, Strict)!;
                return T.IsValid(x) && back.Equals(x);
            }
            catch (FixTypeJsonException)
            {
                return !T.IsValid(x);
            }
        }, iter: Iter);
    }

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, Lenient);
}
