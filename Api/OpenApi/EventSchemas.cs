using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Contact.Api.OpenApi;

/// <summary>
/// Gives each event of a stream route a named schema (<c>id</c>, <c>event</c>, <c>data</c>, as the
/// SSE fields of one event) and makes the route's 200 answer one of them.
/// </summary>
internal sealed class EventSchemas : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<StreamsEvents>().FirstOrDefault() is not { } stream) return;
        var events = stream.Events.Select(e => (IOpenApiSchema)Define(e, context)).ToList();
        operation.Responses ??= [];
        operation.Responses["200"] = new OpenApiResponse
        {
            Description = "Server-Sent Events. Each event's `event` field names it and `data` is its JSON; `id` is its sequence, "
                + "which a client that reconnects sends as Last-Event-ID (or ?lastEventId=) to get every event after it. "
                + "The comment `: live` marks the end of the replay; `: keep-alive` comes every 15 s.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [StreamsEventsConventions.ContentType] = new() { Schema = new OpenApiSchema { OneOf = events } },
            },
        };
    }

    private static OpenApiSchemaReference Define(LiveEvent liveEvent, OperationFilterContext context)
    {
        if (context.SchemaRepository.Schemas.ContainsKey(liveEvent.SchemaName)) return new OpenApiSchemaReference(liveEvent.SchemaName, context.Document);
        var payload = context.SchemaGenerator.GenerateSchema(liveEvent.Payload, context.SchemaRepository);
        return context.SchemaRepository.AddDefinition(liveEvent.SchemaName, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = $"`{liveEvent.Name}`: {liveEvent.Description}",
            Required = new HashSet<string> { "id", "event", "data" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["id"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "The event's sequence in its stream." },
                ["event"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(liveEvent.Name)] },
                ["data"] = payload,
            },
        });
    }
}
