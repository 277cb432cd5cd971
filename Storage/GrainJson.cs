using System.Text.Json;
using System.Text.Json.Serialization;

namespace Contact.Storage;

/// <summary>The one JSON shape for stored state and journal payloads: camelCase, enums as strings.</summary>
public static class GrainJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
