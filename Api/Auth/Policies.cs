using Microsoft.AspNetCore.Authentication.JwtBearer;
using Contact.Grains.Interfaces;
using Microsoft.AspNetCore.Authorization;

namespace Contact.Api.Auth;

public static class Policies
{
    public const string Admin = "admin";
    public const string Supervisor = "supervisor";
    /// <summary>Admins, also by user name and password (HTTP Basic): a browser opens the Orleans dashboard itself.</summary>
    public const string Dashboard = "dashboard";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(Supervisor, p => p.RequireRole(Roles.Supervisor, Roles.Admin));
        options.AddPolicy(Dashboard, p => p.AddAuthenticationSchemes(BasicAuthenticationHandler.SchemeName, JwtBearerDefaults.AuthenticationScheme).RequireRole(Roles.Admin));
    }
}
