using System.Text.Json;
using System.Text.Json.Serialization;

namespace Helix.FixTypes.Json;

/// <summary>Reads and writes a <see cref="FixMap{TKey, TValue}"/> as a JSON array of <c>{"key": …, "value": …}</c>
/// objects in insertion order (keys of any type).</summary>
public sealed class FixMapJsonConverterFactory : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(FixMap<,>);

    /// <inheritdoc />
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(Converter<,>).MakeGenericType(typeToConvert.GetGenericArguments()));

    private sealed class Converter<TKey, TValue> : JsonConverter<FixMap<TKey, TValue>> where TKey : notnull
    {
        public override FixMap<TKey, TValue>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return FixMap<TKey, TValue>.Empty;
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("expected an array of {key, value} objects");
            var items = new List<KeyValuePair<TKey, TValue>>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("expected a {key, value} object");
                TKey key = default!;
                TValue value = default!;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    string name = reader.GetString()!;
                    reader.Read();
                    if (name == "key") key = FixJson.Read<TKey>(ref reader, options, $"[{items.Count}].key")!;
                    else if (name == "value") value = FixJson.Read<TValue>(ref reader, options, $"[{items.Count}].value")!;
                    else reader.Skip();
                }
                if (key is null) throw new JsonException("a map entry has no key");
                items.Add(new(key, value));
            }
            return FixMap<TKey, TValue>.From(items);
        }

        public override void Write(Utf8JsonWriter writer, FixMap<TKey, TValue> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var e in value)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("key");
                JsonSerializer.Serialize(writer, e.Key, options);
                writer.WritePropertyName("value");
                JsonSerializer.Serialize(writer, e.Value, options);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
    }
}
