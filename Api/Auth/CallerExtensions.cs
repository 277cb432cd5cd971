using System.Security.Claims;
using Contact.Grains.Interfaces;

namespace Contact.Api.Auth;

/// <summary>
/// Who may touch which agent: an agent acts on itself only; supervisors and administrators
/// read every agent and may also change an agent's state (as a supervisor forcing Not Ready).
/// </summary>
public static class CallerExtensions
{
    public static bool IsSupervisor(this ClaimsPrincipal caller) =>
        caller.IsInRole(Roles.Supervisor) || caller.IsInRole(Roles.Admin);

    public static bool MayActOn(this ClaimsPrincipal caller, string agentId) =>
        caller.IsSupervisor() || caller.FindFirstValue(TokenIssuer.AgentIdClaim) == agentId;
}
