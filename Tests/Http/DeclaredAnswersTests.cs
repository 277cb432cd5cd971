using System.Net;
using Contact.Api.OpenApi;
using Contact.Api.Problems;
using Contact.Grains.Interfaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Contact.Tests.Support;
using static Contact.Tests.Support.Http;

namespace Contact.Tests.Http;

/// <summary>The check that holds every HTTP suite to the OpenAPI document does catch what a route leaves undeclared.</summary>
public sealed class DeclaredAnswersTests : IAsyncLifetime
{
    private WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddProblemDetails();
        // As the API reads requests: a value that does not bind reaches its exception handler.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        DeclaredAnswers.Enforce(builder.Services);
        app = builder.Build();
        app.UseExceptionHandler();
        app.MapPost("/api/test/refusal", (string code) => Problem.Of(StatusCodes.Status409Conflict, code, "Refused."))
            .Produces(StatusCodes.Status200OK).Refuses(StatusCodes.Status409Conflict, "declared-code");
        app.MapPost("/api/test/thrown", IResult (string code) => throw new ContactException(code, ErrorKind.Conflict, "Refused by a grain."))
            .Produces(StatusCodes.Status200OK).Refuses(StatusCodes.Status409Conflict, "declared-code");
        app.MapPost("/api/test/success", (int status) => Results.StatusCode(status)).Produces(StatusCodes.Status200OK);
        await app.StartAsync();
        client = app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_declared_refusal_passes_as_it_is()
    {
        await AssertProblem(await client.PostAsync("/api/test/refusal?code=declared-code", null), HttpStatusCode.Conflict, "declared-code");
    }

    [Fact]
    public async Task A_refusal_with_an_undeclared_code_becomes_a_500_that_names_it()
    {
        var response = await client.PostAsync("/api/test/refusal?code=other-code", null);
        Assert.Contains("answered 409 'other-code'", (await Json(response)).GetProperty("detail").GetString());
        await AssertProblem(response, HttpStatusCode.InternalServerError, DeclaredAnswers.Code);
    }

    [Fact]
    public async Task A_refusal_a_grain_throws_is_checked_too()
    {
        await AssertProblem(await client.PostAsync("/api/test/thrown?code=declared-code", null), HttpStatusCode.Conflict, "declared-code");
        await AssertProblem(await client.PostAsync("/api/test/thrown?code=other-code", null), HttpStatusCode.InternalServerError, DeclaredAnswers.Code);
    }

    [Fact]
    public async Task A_generic_refusal_every_route_may_give_is_declared_without_saying_so()
    {
        await AssertProblem(await client.PostAsync("/api/test/success?status=ten", null), HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task A_success_status_the_route_does_not_list_becomes_a_500()
    {
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/test/success?status=200", null)).StatusCode);
        var undeclared = await client.PostAsync("/api/test/success?status=201", null);
        Assert.Equal(HttpStatusCode.InternalServerError, undeclared.StatusCode);
        Assert.Equal("POST /api/test/success answered 201", undeclared.Headers.GetValues("X-Undeclared-Answer").Single());
    }
}
