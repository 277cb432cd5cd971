using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Contact.Api.OpenApi;

/// <summary>
/// Says a property that holds another schema the way OpenAPI 3.1 does: a plain <c>$ref</c>, or,
/// when it may be null, <c>oneOf: [$ref, {type: null}]</c>. Swashbuckle wraps such properties in
/// an <c>allOf</c> of one, and writes a nullable one as <c>type: null</c> beside it, which no value fits.
/// A request body's schema gets the plain <c>$ref</c> too.
/// </summary>
internal sealed class NullableReferences : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var bodies = document.Paths.Values.SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(operation => operation.RequestBody?.Content?.Values ?? []);
        foreach (var body in bodies)
        {
            if (body.Schema is OpenApiSchema { AllOf: [OpenApiSchemaReference reference] }) body.Schema = reference;
        }
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            if (schema.Properties is null) continue;
            foreach (var (name, property) in schema.Properties.ToArray())
            {
                if (property is not OpenApiSchema { AllOf: [OpenApiSchemaReference reference] } wrapper) continue;
                schema.Properties[name] = wrapper.Type is { } type && type.HasFlag(JsonSchemaType.Null)
                    ? new OpenApiSchema { OneOf = [reference, new OpenApiSchema { Type = JsonSchemaType.Null }], Description = wrapper.Description }
                    : reference;
            }
        }
    }
}
