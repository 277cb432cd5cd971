using System.Security.Claims;
using Contact.Api.Chats;
using Contact.Api.OpenApi;
using Contact.Api.Problems;
using Contact.Grains.Interfaces;

namespace Contact.Api.Agents;

public sealed record CannedResponseRequest(string? Title, string? Text);

/// <summary>An agent's canned responses, which the desktop uses to fill the message box.</summary>
public static class CannedResponsesApi
{
    public static void MapCannedResponses(this RouteGroupBuilder agents)
    {
        agents.MapGet("/{id}/canned-responses", (string id, ClaimsPrincipal caller, IGrainFactory grains) =>
            AgentsApi.OnAgent(id, caller, grains, _ => grains.GetGrain<ICannedResponsesGrain>(id).List()))
            .WithSummary("The agent's canned responses")
            .Produces<CannedResponse[]>().RefusesLikeOnAgent();
        agents.MapGet("/{id}/canned-responses/{responseId}", (string id, string responseId, ClaimsPrincipal caller, IGrainFactory grains) =>
            AgentsApi.OnAgent(id, caller, grains, _ => grains.GetGrain<ICannedResponsesGrain>(id).Get(responseId)))
            .WithSummary("One canned response (where an added one's Location points)")
            .Produces<CannedResponse>().RefusesLikeOnAgent().Refuses(StatusCodes.Status404NotFound, "canned-response-not-found");
        agents.MapPost("/{id}/canned-responses", async (string id, CannedResponseRequest request, ClaimsPrincipal caller, IGrainFactory grains) =>
        {
            if ((AgentsApi.Refuse(id, caller) ?? Check(request)) is { } refusal) return refusal;
            await grains.GetGrain<IAgentGrain>(id).GetView();
            var created = await grains.GetGrain<ICannedResponsesGrain>(id).Add(request.Title!.Trim(), request.Text!);
            return Results.Created($"/api/v1/agents/{id}/canned-responses/{created.Id}", created);
        }).WithSummary("Add a canned response").Produces<CannedResponse>(StatusCodes.Status201Created).RefusesLikeOnAgent()
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed").Refuses(StatusCodes.Status409Conflict, "too-many-canned-responses");
        agents.MapPut("/{id}/canned-responses/{responseId}",
            async (string id, string responseId, CannedResponseRequest request, ClaimsPrincipal caller, IGrainFactory grains) =>
            {
                if ((AgentsApi.Refuse(id, caller) ?? Check(request)) is { } refusal) return refusal;
                return Results.Ok(await grains.GetGrain<ICannedResponsesGrain>(id).Update(responseId, request.Title!.Trim(), request.Text!));
            }).WithSummary("Change a canned response").Produces<CannedResponse>().RefusesLikeOnAgent()
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed").Refuses(StatusCodes.Status404NotFound, "canned-response-not-found");
        agents.MapDelete("/{id}/canned-responses/{responseId}", async (string id, string responseId, ClaimsPrincipal caller, IGrainFactory grains) =>
        {
            if (AgentsApi.Refuse(id, caller) is { } refusal) return refusal;
            await grains.GetGrain<ICannedResponsesGrain>(id).Delete(responseId);
            return Results.NoContent();
        })
            .WithSummary("Delete a canned response").Produces(StatusCodes.Status204NoContent).RefusesLikeOnAgent().Refuses(StatusCodes.Status404NotFound, "canned-response-not-found");
    }

    private static IResult? Check(CannedResponseRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > ICannedResponsesGrain.MaxTitleLength)
        {
            errors["title"] = [$"required, at most {ICannedResponsesGrain.MaxTitleLength} characters"];
        }
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > ChatLimits.MaxMessageLength)
        {
            errors["text"] = [$"required, at most {ChatLimits.MaxMessageLength} characters"];
        }
        return errors.Count > 0 ? Problem.Invalid("validation-failed", "Some fields are invalid.", errors) : null;
    }
}
