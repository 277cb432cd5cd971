using Contact.Api.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Contact.Tests.Support;

/// <summary>
/// Holds the server to its OpenAPI document while the HTTP tests run: a problem whose status and
/// code its route does not declare, or a success status the route does not list, becomes 500
/// <c>undeclared-answer</c>. The test that met it fails, and the detail says what to declare.
/// </summary>
public static class DeclaredAnswers
{
    public const string Code = "undeclared-answer";

    public static void Enforce(IServiceCollection services)
    {
        services.Configure<ProblemDetailsOptions>(options =>
        {
            var before = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                before?.Invoke(context);
                CheckProblem(context);
            };
        });
        services.AddSingleton<IStartupFilter, SuccessCheck>();
    }

    private static void CheckProblem(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        // The exception handler clears the endpoint before it writes a refusal; its feature keeps it.
        var endpoint = http.GetEndpoint() ?? http.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        if (endpoint is not RouteEndpoint route || !IsApi(route)) return;
        var problem = context.ProblemDetails;
        var status = problem.Status ?? http.Response.StatusCode;
        var code = problem.Extensions.TryGetValue("code", out var value) ? value?.ToString() : null;
        if (DeclaredProblems.Of(route.Metadata).TryGetValue(status, out var codes) && code is not null && codes.Contains(code)) return;
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        problem.Status = StatusCodes.Status500InternalServerError;
        problem.Extensions["code"] = Code;
        problem.Detail = $"{http.Request.Method} {route.RoutePattern.RawText} answered {status} '{code}', which its route does not declare.";
    }

    private static bool IsApi(RouteEndpoint endpoint) => endpoint.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true;

    /// <summary>Checks each success status as the answer starts, while it can still be changed.</summary>
    private sealed class SuccessCheck : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, call) =>
            {
                http.Response.OnStarting(() =>
                {
                    var status = http.Response.StatusCode;
                    if (status is >= 200 and < 300 && !HttpMethods.IsOptions(http.Request.Method) &&
                        http.GetEndpoint() is RouteEndpoint endpoint && IsApi(endpoint) &&
                        !endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Any(p => p.StatusCode == status))
                    {
                        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
                        http.Response.Headers["X-Undeclared-Answer"] = $"{http.Request.Method} {endpoint.RoutePattern.RawText} answered {status}";
                    }
                    return Task.CompletedTask;
                });
                await call(http);
            });
            next(app);
        };
    }
}
