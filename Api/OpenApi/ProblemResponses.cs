using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Contact.Api.OpenApi;

/// <summary>
/// Documents each problem status of a route: RFC 9457 problem details (schema <c>Problem</c>)
/// whose <c>code</c> is one of the listed values, in the description and in <c>x-problem-codes</c>.
/// The codes stay a plain string in the schema, so that a client built today reads a code added later.
/// </summary>
internal sealed class ProblemResponses : IOperationFilter
{
    public const string SchemaName = "Problem";
    private const string MediaType = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        if (!context.SchemaRepository.Schemas.ContainsKey(SchemaName)) context.SchemaRepository.AddDefinition(SchemaName, ProblemSchema());
        foreach (var (status, codes) in DeclaredProblems.Of(context.ApiDescription.ActionDescriptor.EndpointMetadata))
        {
            var listed = string.Join(", ", codes.Select(c => $"`{c}`"));
            operation.Responses[status.ToString()] = new OpenApiResponse
            {
                Description = $"{ReasonPhrases.GetReasonPhrase(status)}. Problem codes: {listed}.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [MediaType] = new() { Schema = new OpenApiSchemaReference(SchemaName, context.Document) },
                },
                Extensions = new Dictionary<string, IOpenApiExtension>
                {
                    ["x-problem-codes"] = new JsonNodeExtension(new JsonArray([.. codes.Select(c => JsonValue.Create(c))])),
                },
            };
        }
    }

    private static OpenApiSchema ProblemSchema()
    {
        static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details. Other members carry the details of a code (limit, allowed, retryAfterSeconds, ...).",
            Required = new HashSet<string> { "status", "title", "code" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["code"] = Text("The stable code a client switches on; each route lists the codes of each status."),
                ["title"] = Text("A short summary of the kind of problem."),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                ["detail"] = Text("What went wrong with this request, for people."),
                ["type"] = Text("A URI reference that names the kind of problem."),
                ["instance"] = Text("The request the problem is about."),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "For invalid fields: each field's name and what it must be.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text("A rule the field breaks.") },
                },
            },
            AdditionalPropertiesAllowed = true,
        };
    }
}
