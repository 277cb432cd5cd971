using System.Text.Json;
using System.Text.Json.Nodes;

namespace Contact.Tests.Client;

/// <summary>
/// The live events as the OpenAPI document describes them (the same document the client was
/// generated from): a stream route's events by name, and a check of an event's data against its
/// payload schema: every required member there, no member the schema does not name, each of the
/// kind it says. Kiota makes no models for SSE, so the test holds the events to the document itself.
/// </summary>
public sealed class DocumentedEvents
{
    private readonly JsonNode document = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi.json")))!;

    /// <summary>Throws unless the event is one the stream at <paramref name="path"/> declares and its data fits the schema.</summary>
    public void Check(string path, string eventName, string data)
    {
        var oneOf = document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!["text/event-stream"]!["schema"]!["oneOf"]!.AsArray();
        var declared = oneOf.Select(e => Resolve(e!)).FirstOrDefault(e => e["properties"]!["event"]!["enum"]![0]!.GetValue<string>() == eventName)
            ?? throw new Xunit.Sdk.XunitException($"{path} does not declare the event '{eventName}'.");
        CheckValue(Resolve(declared["properties"]!["data"]!), JsonNode.Parse(data), $"{eventName} data");
    }

    private void CheckValue(JsonNode schema, JsonNode? value, string where)
    {
        schema = Resolve(schema);
        // OpenAPI 3.1 says "may be null" as a "null" type, or as oneOf a schema and {type: null}.
        var types = schema["type"] switch
        {
            JsonArray list => list.Select(t => t!.GetValue<string>()).ToArray(),
            JsonValue one => [one.GetValue<string>()],
            _ => [],
        };
        var choices = schema["oneOf"]?.AsArray().Select(c => Resolve(c!)).ToArray() ?? [];
        var nullable = types.Contains("null") || choices.Any(c => c["type"]?.GetValue<string>() == "null");
        if (value is null)
        {
            if (!nullable) throw new Xunit.Sdk.XunitException($"{where} is null, which the document does not allow.");
            return;
        }
        if (choices.FirstOrDefault(c => c["type"]?.GetValue<string>() != "null") is { } choice)
        {
            CheckValue(choice, value, where);
            return;
        }
        var type = types.FirstOrDefault(t => t != "null");
        var kind = value.GetValueKind();
        var fits = type switch
        {
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            "string" => kind == JsonValueKind.String,
            "integer" or "number" => kind == JsonValueKind.Number,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            _ => true,
        };
        if (!fits) throw new Xunit.Sdk.XunitException($"{where} is {kind}, the document says {type}.");
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => a?.GetValue<string>() == value.GetValue<string>()))
        {
            throw new Xunit.Sdk.XunitException($"{where} is '{value}', not one of the document's values.");
        }
        if (type == "array")
        {
            foreach (var item in value.AsArray()) CheckValue(schema["items"]!, item, $"{where}[]");
        }
        if (type != "object" || schema["properties"] is not JsonObject properties) return;
        var members = value.AsObject();
        foreach (var required in schema["required"]?.AsArray() ?? [])
        {
            if (!members.ContainsKey(required!.GetValue<string>())) throw new Xunit.Sdk.XunitException($"{where} lacks '{required}', which the document requires.");
        }
        foreach (var (name, member) in members)
        {
            var memberSchema = properties[name] ?? throw new Xunit.Sdk.XunitException($"{where} has '{name}', which the document does not name.");
            CheckValue(memberSchema, member, $"{where}.{name}");
        }
    }

    /// <summary>Follows a $ref.</summary>
    private JsonNode Resolve(JsonNode schema) =>
        schema["$ref"] is { } reference ? Resolve(document["components"]!["schemas"]![reference.GetValue<string>().Split('/')[^1]]!) : schema;
}
