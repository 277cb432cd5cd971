using Contact.Api.Agents;
using Contact.Api.Auth;
using Contact.Api.Calls;
using Contact.Api.Campaigns;
using Contact.Api.Chats;
using Contact.Api.Cors;
using Contact.Api.Customers;
using Contact.Api.Services;
using Contact.Api.Sms;
using Contact.Api.Health;
using Contact.Api.OpenApi;
using Contact.Api.Operations;
using Contact.Api.Problems;
using Contact.Silo.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Orleans.Dashboard;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.IdentityModel.Tokens;

if (args is [AdminRecovery.Command, .. var rest]) return await AdminRecovery.RunAsync(rest);

var builder = WebApplication.CreateBuilder(args);
// No JSON body the API takes comes near 1 MB; calling lists stream and lift the limit for themselves.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);

builder.AddContactNode();
builder.Services.AddSingleton<SigningKey>();
builder.Services.AddHostedService<SigningKey.Loader>();
builder.Services.AddSingleton<TokenIssuer>();

builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new StrictEnumConverter()));
// Unreadable bodies reach the exception handler, which answers with problem details.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();

builder.Services.AddCrossOrigin(builder.Configuration);
builder.Services.AddSingleton<RememberedLogins>();
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer()
    .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null);
builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKey, TimeProvider>(JwtSetup.Configure);
builder.Services.AddAuthorization(Policies.Add);

builder.Services.AddHealthChecks()
    .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
    .AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]);
builder.Services.AddContactOpenApi();
builder.Services.AddContactMetrics(builder.Configuration);

var app = builder.Build();

app.UseExceptionHandler();
// Bodiless errors from the framework itself (no such route, wrong method) get problem details too.
app.UseStatusCodePages(context => Problem.ForStatus(context.HttpContext.Response.StatusCode).ExecuteAsync(context.HttpContext));
// OpenAPI 3.1: a nullable reference and a license identifier are said as JSON Schema says them.
app.UseSwagger(o => o.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1);
app.UseSwaggerUI();
// Before authentication, so that a preflight (which carries no token) is answered, not refused.
app.UseRouting();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
app.MapContactMetrics();
if (OrleansDashboard.IsEnabled(app.Configuration)) app.MapOrleansDashboard(OrleansDashboard.Path).RequireAuthorization(Policies.Dashboard).ExcludeFromDescription();
app.MapAuthApi();
app.MapAgentsApi();
app.MapServicesApi();
app.MapPublicChatsApi();
app.MapAgentChatsApi();
app.MapCustomersApi();
app.MapSmsApi();
app.MapTwilioWebhooksApi();
app.MapTwilioVoiceWebhooksApi();
app.MapCallsApi();
app.MapCampaignsApi();
app.MapRecordsApi();
app.MapDoNotCallApi();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
