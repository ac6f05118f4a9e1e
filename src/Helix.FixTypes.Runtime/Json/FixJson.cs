using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Helix.FixTypes.Json;

/// <summary>
/// JSON modes of fixtypes. By default a fixtype's converter fixes every field it reads. Options made with
/// <see cref="Strict(JsonSerializerOptions?)"/> reject the first invalid field instead, with a
/// <see cref="FixTypeJsonException"/> that names its JSON path.
/// </summary>
public static class FixJson
{
    private static readonly ConditionalWeakTable<JsonSerializerOptions, object> StrictOptions = new();

    /// <summary>A copy of <paramref name="options"/> (or of the defaults) in strict mode.</summary>
    public static JsonSerializerOptions Strict(JsonSerializerOptions? options = null)
    {
        var o = options is null ? new JsonSerializerOptions() : new JsonSerializerOptions(options);
        o.Converters.Add(new StrictMarker());
        return o;
    }

    /// <summary>Whether <paramref name="options"/> is in strict mode.</summary>
    public static bool IsStrict(JsonSerializerOptions options)
    {
        if (StrictOptions.TryGetValue(options, out var v)) return (bool)v;
        bool strict = options.Converters.Any(c => c is StrictMarker);
        StrictOptions.AddOrUpdate(options, strict);
        return strict;
    }

    /// <summary>The JSON name of property <paramref name="name"/> under <paramref name="options"/>' naming policy.</summary>
    public static string Name(string name, JsonSerializerOptions options) => options.PropertyNamingPolicy?.ConvertName(name) ?? name;

    /// <summary>Whether the JSON property <paramref name="json"/> names property <paramref name="name"/>.</summary>
    public static bool Matches(string json, string name, JsonSerializerOptions options) =>
        string.Equals(json, Name(name, options), options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>Reads one value of <typeparamref name="T"/>, prefixing <paramref name="segment"/> to the path of a nested
    /// rejection.</summary>
    public static T? Read<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, string segment)
    {
        try { return JsonSerializer.Deserialize<T>(ref reader, options); }
        catch (FixTypeJsonException e) { throw e.Under(segment); }
    }

    /// <summary>Deserializes <paramref name="element"/>, prefixing <paramref name="segment"/> to the path of a nested
    /// rejection.</summary>
    public static T? ReadElement<T>(JsonElement element, JsonSerializerOptions options, string segment)
    {
        try { return element.Deserialize<T>(options); }
        catch (FixTypeJsonException e) { throw e.Under(segment); }
    }

    /// <summary>A value as it appears in a rejection message.</summary>
    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private sealed class StrictMarker : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => false;

        public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) => null;
    }
}
