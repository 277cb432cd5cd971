using System.Security.Claims;
using Contact.Api.Auth;
using Contact.Api.OpenApi;
using Contact.Api.Problems;
using Contact.Grains.Interfaces;

namespace Contact.Api.Agents;

public static class AgentsApi
{
    public const int MaxChatsLimit = 20;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;
    public const int MaxServices = 50;
    public const int MaxReasonLength = 100;

    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder routes)
    {
        var agents = routes.MapGroup("/api/v1/agents").RequireAuthorization().WithTags("Agents");
        agents.MapPut("/{id}", PutAgent)
            .WithSummary("Create an agent, or update the fields given").RequireAuthorization(Policies.Admin)
            .Produces<AgentView>().Produces<AgentView>(StatusCodes.Status201Created)
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed", "password-required")
            .Refuses(StatusCodes.Status409Conflict, "last-admin");
        agents.MapGet("/", ListAgents)
            .WithSummary("List the agents").RequireAuthorization(Policies.Supervisor).Produces<AgentView[]>();
        agents.MapGet("/{id}", (string id, ClaimsPrincipal caller, IGrainFactory grains) =>
            OnAgent(id, caller, grains, agent => agent.GetView()))
            .WithSummary("An agent's state, interactions and settings").Produces<AgentView>().RefusesLikeOnAgent();
        agents.MapPost("/{id}/session", (string id, ClaimsPrincipal caller, IGrainFactory grains) =>
                OnAgent(id, caller, grains, agent => agent.StartSession()))
            .WithSummary("Log in: start a session (Not Ready)")
            .Produces<AgentView>().RefusesLikeOnAgent().Refuses(StatusCodes.Status409Conflict, "illegal-transition");
        agents.MapDelete("/{id}/session", (string id, ClaimsPrincipal caller, IGrainFactory grains) =>
                OnAgent(id, caller, grains, agent => agent.EndSession()))
            .WithSummary("Log out: end the session").Produces<AgentView>().RefusesLikeOnAgent().Refuses(StatusCodes.Status409Conflict, "illegal-transition", "agent-has-interactions");
        agents.MapPut("/{id}/state", SetState)
            .WithSummary("Make the agent Ready or Not Ready (with a reason)").Produces<AgentView>().RefusesLikeOnAgent()
            .Refuses(StatusCodes.Status400BadRequest, "invalid-state", "validation-failed", "state-not-settable", "unknown-reason")
            .Refuses(StatusCodes.Status409Conflict, "illegal-transition");
        agents.MapGet("/{id}/history", GetHistory)
            .WithSummary("The agent's state changes, oldest first").Produces<AgentHistoryEntry[]>().RefusesLikeOnAgent()
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed");
        agents.MapAgentEvents();
        agents.MapCannedResponses();
        agents.MapPhone();
        return routes;
    }

    /// <summary>The refusals of <see cref="OnAgent"/>: a malformed id, another agent's id, an agent that does not exist.</summary>
    internal static RouteHandlerBuilder RefusesLikeOnAgent(this RouteHandlerBuilder route) => route
        .Refuses(StatusCodes.Status400BadRequest, "invalid-id")
        .Refuses(StatusCodes.Status403Forbidden, "forbidden")
        .Refuses(StatusCodes.Status404NotFound, "agent-not-found");

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

    /// <summary>Creates an agent, or updates the fields the request gives: a field left out keeps its value.</summary>
    private static async Task<IResult> PutAgent(string id, AgentPutRequest request, IGrainFactory grains)
    {
        var errors = Validate(id, request);
        var account = grains.GetGrain<IAccountGrain>(id);
        // A new agent needs a name, also when its login exists already (the first admin's):
        // refused here, before the login is written. The account grain refuses a new login
        // without a password (password-required).
        if (errors.Count == 0 && request.Name is null &&
            !(await account.Exists() && await Lookup.FindsAsync(grains.GetGrain<IAgentGrain>(id).GetView())))
        {
            errors["name"] = ["required for a new agent"];
        }
        if (request.Services is { Count: > 0 } services && errors.Count == 0)
        {
            var known = await grains.GetGrain<IDirectoryGrain>(IDirectoryGrain.Services).List();
            if (services.Except(known).ToArray() is [_, ..] unknown) errors["services"] = [$"no such service: {string.Join(", ", unknown)}"];
        }
        if (errors.Count > 0) return Problem.Invalid("validation-failed", "Some fields are invalid.", errors);

        // The login first: whatever it refuses (the last admin's role) is refused before anything is written.
        await account.Set(new AccountSpec(request.Password, request.Roles?.Distinct().ToArray(), id));
        var agent = grains.GetGrain<IAgentGrain>(id);
        var created = await agent.Configure(new AgentProfile(request.Name?.Trim(), request.Services?.Distinct().ToArray(), request.MaxChats));
        await grains.GetGrain<IDirectoryGrain>(IDirectoryGrain.Agents).Add(id);
        var view = await agent.GetView();
        return created ? Results.Created($"/api/v1/agents/{id}", view) : Results.Ok(view);
    }

    private static Dictionary<string, string[]> Validate(string id, AgentPutRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Ids.IsValid(id)) errors["id"] = [Ids.Rule];
        if (request.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)) errors["name"] = ["1 to 100 characters"];
        if (request.Password is { Length: < MinPasswordLength or > MaxPasswordLength }) errors["password"] = [$"{MinPasswordLength} to {MaxPasswordLength} characters"];
        if (request.MaxChats is < 1 or > MaxChatsLimit) errors["maxChats"] = [$"from 1 to {MaxChatsLimit}"];
        if (request.Services is { Count: > MaxServices }) errors["services"] = [$"at most {MaxServices}"];
        else if (request.Services?.Any(s => s is null || !Ids.IsValid(s)) == true) errors["services"] = [$"service ids are {Ids.Rule}"];
        if (request.Roles is { } roles && (roles.Count == 0 || roles.Any(r => !Roles.All.Contains(r)))) errors["roles"] = [$"one or more of: {string.Join(", ", Roles.All)}"];
        return errors;
    }

    private static async Task<IResult> ListAgents(IGrainFactory grains)
    {
        var ids = await grains.GetGrain<IDirectoryGrain>(IDirectoryGrain.Agents).List();
        return Results.Ok(await Task.WhenAll(ids.Select(id => grains.GetGrain<IAgentGrain>(id).GetView())));
    }

    private static Task<IResult> SetState(string id, StateRequest request, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (!StrictEnumConverter.TryParseName<AgentState>(request.State, out var state))
        {
            return Task.FromResult(Problem.Of(StatusCodes.Status400BadRequest, "invalid-state", "The request is invalid.",
                $"'{BadValue.Shown(request.State)}' is not a state; use Ready or NotReady.",
                new Dictionary<string, object?>
                {
                    ["allowed"] = new[] { "Ready", "NotReady" },
                    ["errors"] = new Dictionary<string, string[]> { ["state"] = ["Ready or NotReady"] },
                }));
        }
        if (request.Reason is { Length: > MaxReasonLength })
        {
            return Task.FromResult(Problem.Invalid("validation-failed", $"A Not Ready reason has at most {MaxReasonLength} characters.",
                new Dictionary<string, string[]> { ["reason"] = [$"at most {MaxReasonLength} characters"] }));
        }
        return OnAgent(id, caller, grains, agent => agent.SetState(state, request.Reason));
    }

    private static Task<IResult> GetHistory(string id, ClaimsPrincipal caller, IGrainFactory grains, long? after, int? limit)
    {
        if (Paging.Check(after, limit) is { } invalid) return Task.FromResult(invalid);
        return OnAgent(id, caller, grains, agent => agent.GetHistory(after ?? 0, limit ?? 100));
    }
}
