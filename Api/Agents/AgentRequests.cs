namespace Contact.Api.Agents;

/// <param name="Password">Required when the agent is created; left out, an update keeps the old one.</param>
/// <param name="Roles">Defaults to ["agent"]; add "supervisor" for a supervising agent.</param>
public sealed record AgentPutRequest(string? Name, string? Password, List<string>? Services, int? MaxChats, List<string>? Roles);

public sealed record StateRequest(string? State, string? Reason);
