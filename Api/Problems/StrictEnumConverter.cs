using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Contact.Api.Problems;

/// <summary>
/// Enums in request bodies are their documented names only (any case). The framework's own
/// converter also takes numbers ("mode": 123) and comma lists ("Ready, NotReady"), which
/// <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> turns into values nobody named.
/// Enums are written as their names, as before.
/// </summary>
public sealed class StrictEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(NameConverter<>).MakeGenericType(typeToConvert))!;

    /// <summary>The value whose name is <paramref name="text"/>, ignoring case; nothing else parses.</summary>
    public static bool TryParseName<T>(string? text, [MaybeNullWhen(false)] out T value) where T : struct, Enum =>
        Names<T>.ByName.TryGetValue(text ?? "", out value);

    private static class Names<T> where T : struct, Enum
    {
        public static readonly string[] All = Enum.GetNames<T>();
        public static readonly FrozenDictionary<string, T> ByName =
            All.ToFrozenDictionary(name => name, Enum.Parse<T>, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A value that is not one of the enum's names; its message lists them.</summary>
    public sealed class NotAName(string message) : JsonException(message);

    private sealed class NameConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && TryParseName<T>(reader.GetString(), out var value)
                ? value
                : throw new NotAName($"Expected one of {string.Join(", ", Names<T>.All)}.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
