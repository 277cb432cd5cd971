namespace Contact.Api.Agents;

/// <summary>Every field left out of an update keeps its value; a new agent needs a name and a password.</summary>
/// <param name="Roles">A new agent's default is ["agent"]; add "supervisor" for a supervising agent.</param>
public sealed record AgentPutRequest(string? Name, string? Password, List<string>? Services, int? MaxChats, List<string>? Roles);

public sealed record StateRequest(string? State, string? Reason);
