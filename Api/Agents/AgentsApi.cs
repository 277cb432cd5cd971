using System.Security.Claims;
using Contact.Api.Auth;
using Contact.Api.Problems;
using Contact.Grains.Interfaces;

namespace Contact.Api.Agents;

public static class AgentsApi
{
    public const int MaxChatsLimit = 20;
    public const int MinPasswordLength = 8;

    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder routes)
    {
        var agents = routes.MapGroup("/api/v1/agents").RequireAuthorization().WithTags("Agents");
        agents.MapPut("/{id}", PutAgent).RequireAuthorization(Policies.Admin);
        agents.MapGet("/", ListAgents).RequireAuthorization(Policies.Supervisor);
        agents.MapGet("/{id}", (string id, ClaimsPrincipal caller, IGrainFactory grains) =>
            OnAgent(id, caller, grains, agent => agent.GetView()));
        agents.MapPost("/{id}/session", (string id, ClaimsPrincipal caller, IGrainFactory grains) =>
            OnAgent(id, caller, grains, agent => agent.StartSession()));
        agents.MapDelete("/{id}/session", (string id, ClaimsPrincipal caller, IGrainFactory grains) =>
            OnAgent(id, caller, grains, agent => agent.EndSession()));
        agents.MapPut("/{id}/state", SetState);
        agents.MapGet("/{id}/history", GetHistory);
        agents.MapAgentEvents();
        agents.MapCannedResponses();
        return routes;
    }

    /// <summary>Checks the id and the caller's right to this agent, then runs the grain call.</summary>
    internal static async Task<IResult> OnAgent<T>(string id, ClaimsPrincipal caller, IGrainFactory grains, Func<IAgentGrain, Task<T>> call)
    {
        if (Refuse(id, caller) is { } refusal) return refusal;
        return Results.Ok(await call(grains.GetGrain<IAgentGrain>(id)));
    }

    internal static IResult? Refuse(string id, ClaimsPrincipal caller)
    {
        if (!Ids.IsValid(id)) return Ids.Invalid("Agent", "id");
        return caller.MayActOn(id) ? null : Problem.Forbidden($"An agent may act on itself only, not on '{id}'.");
    }

    private static async Task<IResult> PutAgent(string id, AgentPutRequest request, IGrainFactory grains)
    {
        var errors = Validate(id, request);
        if (errors.Count > 0) return Problem.Invalid("validation-failed", "Some fields are invalid.", errors);

        var roles = request.Roles is { Count: > 0 } ? request.Roles.Distinct().ToArray() : [Roles.Agent];
        // The login first: a new agent without a password is refused before anything is written.
        await grains.GetGrain<IAccountGrain>(id).Set(new AccountSpec(request.Password, roles, id));
        var agent = grains.GetGrain<IAgentGrain>(id);
        var created = await agent.Configure(new AgentProfile(request.Name!.Trim(), [.. request.Services ?? []], request.MaxChats ?? 1));
        await grains.GetGrain<IDirectoryGrain>(IDirectoryGrain.Agents).Add(id);
        var view = await agent.GetView();
        return created ? Results.Created($"/api/v1/agents/{id}", view) : Results.Ok(view);
    }

    private static Dictionary<string, string[]> Validate(string id, AgentPutRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Ids.IsValid(id)) errors["id"] = [Ids.Rule];
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100) errors["name"] = ["required, at most 100 characters"];
        if (request.Password is { Length: < MinPasswordLength }) errors["password"] = [$"at least {MinPasswordLength} characters"];
        if (request.MaxChats is < 1 or > MaxChatsLimit) errors["maxChats"] = [$"from 1 to {MaxChatsLimit}"];
        if (request.Services?.Any(s => s is null || !Ids.IsValid(s)) == true) errors["services"] = [$"service ids are {Ids.Rule}"];
        if (request.Roles?.Any(r => !Roles.All.Contains(r)) == true) errors["roles"] = [$"each one of: {string.Join(", ", Roles.All)}"];
        return errors;
    }

    private static async Task<IResult> ListAgents(IGrainFactory grains)
    {
        var ids = await grains.GetGrain<IDirectoryGrain>(IDirectoryGrain.Agents).List();
        return Results.Ok(await Task.WhenAll(ids.Select(id => grains.GetGrain<IAgentGrain>(id).GetView())));
    }

    private static Task<IResult> SetState(string id, StateRequest request, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (!Enum.TryParse<AgentState>(request.State, ignoreCase: true, out var state) || !Enum.IsDefined(state) ||
            int.TryParse(request.State, out _))
        {
            return Task.FromResult(Problem.Of(StatusCodes.Status400BadRequest, "invalid-state", "The request is invalid.",
                $"'{request.State}' is not a state; use Ready or NotReady.",
                new Dictionary<string, object?>
                {
                    ["allowed"] = new[] { "Ready", "NotReady" },
                    ["errors"] = new Dictionary<string, string[]> { ["state"] = ["Ready or NotReady"] },
                }));
        }
        return OnAgent(id, caller, grains, agent => agent.SetState(state, request.Reason));
    }

    private static Task<IResult> GetHistory(string id, ClaimsPrincipal caller, IGrainFactory grains, long? after, int? limit)
    {
        if (Paging.Check(after, limit) is { } invalid) return Task.FromResult(invalid);
        return OnAgent(id, caller, grains, agent => agent.GetHistory(after ?? 0, limit ?? 100));
    }
}
