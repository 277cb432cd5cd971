using System.Globalization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.OpenApi;

namespace Contact.Api.OpenApi;

/// <summary>
/// The OpenAPI document at /swagger/v1/swagger.json, which front ends generate their clients
/// from: each route with its answers, problem codes, credentials and live events.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/swagger/v1/swagger.json";

    public static IServiceCollection AddContactOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        return services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Contact.Orleans",
                Version = "v1",
                Description = "The REST API and live event streams of the Contact.Orleans interaction server: agents, "
                    + "chats, SMS, customers and campaigns. Every error is RFC 9457 problem details with a stable `code`.",
                License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" },
            });
            options.AddServer(new OpenApiServer { Url = "/", Description = "The server that serves this document." });
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            // A nullable enum or record then says it is nullable (NullableReferences writes it as 3.1 does).
            options.UseAllOfToExtendReferenceSchemas();
            options.CustomOperationIds(OperationId);
            SecurityRequirements.AddSchemes(options);
            options.OperationFilter<SecurityRequirements>();
            options.OperationFilter<ProblemResponses>();
            options.OperationFilter<EventSchemas>();
            options.DocumentFilter<NullableReferences>();
            options.DocumentFilter<TagDescriptions>();
        });
    }

    /// <summary>The verb and the path's words: <c>PUT api/v1/agents/{id}/state</c> is <c>putAgentsIdState</c>.</summary>
    private static string OperationId(ApiDescription api)
    {
        var words = (api.RelativePath ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Skip(2)
            .SelectMany(segment => segment.Trim('{', '}').Split('-'))
            .Select(word => char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..]);
        return (api.HttpMethod ?? "get").ToLowerInvariant() + string.Concat(words);
    }
}
