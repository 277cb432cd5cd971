using Contact.Grains.Interfaces;
using Microsoft.AspNetCore.Authorization;

namespace Contact.Api.Auth;

public static class Policies
{
    public const string Admin = "admin";
    public const string Supervisor = "supervisor";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(Supervisor, p => p.RequireRole(Roles.Supervisor, Roles.Admin));
    }
}
