using System.Text.Json;
using System.Text.Json.Serialization;

namespace Helix.FixTypes.Json;

/// <summary>Reads and writes a <see cref="FixList{T}"/> as a JSON array; a strict rejection inside an element gets the
/// element's index in its path.</summary>
public sealed class FixListJsonConverterFactory : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(FixList<>);

    /// <inheritdoc />
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]));

    private sealed class Converter<T> : JsonConverter<FixList<T>>
    {
        public override FixList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return FixList<T>.Empty;
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("expected an array");
            var items = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                items.Add(FixJson.Read<T>(ref reader, options, $"[{items.Count}]")!);
            return FixList<T>.From(items);
        }

        public override void Write(Utf8JsonWriter writer, FixList<T> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var x in value) JsonSerializer.Serialize(writer, x, options);
            writer.WriteEndArray();
        }
    }
}
