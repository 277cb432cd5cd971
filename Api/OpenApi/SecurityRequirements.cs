using Contact.Api.Chats;
using Contact.Api.Twilio;
using Contact.Api.Streams;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Contact.Api.OpenApi;

/// <summary>
/// The document's security schemes, one per kind of caller, and each operation's requirement.
/// Agents, supervisors and admins all send a bearer token from <c>POST /api/v1/auth/token</c>;
/// they are separate schemes so that each route says whose token it takes.
/// </summary>
internal sealed class SecurityRequirements : IOperationFilter
{
    private const string AgentScheme = "agent";
    private const string SupervisorScheme = "supervisor";
    private const string AdminScheme = "admin";
    private const string AccessTokenQueryScheme = "accessTokenQuery";
    private const string CustomerTokenScheme = "customerToken";
    private const string CustomerTokenQueryScheme = "customerTokenQuery";
    private const string TwilioSignatureScheme = "twilioSignature";

    public static void AddSchemes(SwaggerGenOptions options)
    {
        static OpenApiSecurityScheme Bearer(string who) => new()
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = $"A token from POST /api/v1/auth/token {who}.",
        };
        static OpenApiSecurityScheme Key(ParameterLocation where, string name, string description) =>
            new() { Type = SecuritySchemeType.ApiKey, In = where, Name = name, Description = description };

        options.AddSecurityDefinition(AgentScheme, Bearer("of any user (agent, supervisor or admin)"));
        options.AddSecurityDefinition(SupervisorScheme, Bearer("of a user with the supervisor or admin role"));
        options.AddSecurityDefinition(AdminScheme, Bearer("of a user with the admin role"));
        options.AddSecurityDefinition(AccessTokenQueryScheme, Key(ParameterLocation.Query, "access_token",
            "The same bearer token in the query string, for browsers' EventSource; taken by the event streams only."));
        options.AddSecurityDefinition(CustomerTokenScheme, Key(ParameterLocation.Header, CustomerToken.Header,
            "The customerToken that POST /api/v1/public/chats answered, for that chat only."));
        options.AddSecurityDefinition(CustomerTokenQueryScheme, Key(ParameterLocation.Query, "customerToken",
            "The customer token in the query string, for browsers' EventSource; taken by the event stream only."));
        options.AddSecurityDefinition(TwilioSignatureScheme, Key(ParameterLocation.Header, TwilioWebhooks.SignatureHeader,
            "Twilio's signature of the webhook with the account's auth token."));
    }

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var inQuery = QueryStringCredentials.IsMarked(metadata);
        string[] alternatives = CredentialConventions.Of(metadata) switch
        {
            Credential.Agent => inQuery ? [AgentScheme, AccessTokenQueryScheme] : [AgentScheme],
            Credential.Supervisor => [SupervisorScheme],
            Credential.Admin => [AdminScheme],
            Credential.CustomerToken => inQuery ? [CustomerTokenScheme, CustomerTokenQueryScheme] : [CustomerTokenScheme],
            Credential.TwilioSignature => [TwilioSignatureScheme],
            _ => [],
        };
        operation.Security = [.. alternatives.Select(scheme =>
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] })];
    }
}
