using Microsoft.Extensions.Configuration;
using Orleans.Dashboard;

namespace Contact.Silo.Hosting;

/// <summary>
/// Orleans' dashboard (silos, grains, calls, reminders, the live log) for admins: every node
/// collects for it, and any node serves its page at /dashboard. <c>Contact:Dashboard:Enabled</c>
/// false leaves it out on every node (the API nodes' dashboard reads from the silos').
/// </summary>
public static class OrleansDashboard
{
    public const string Path = "/dashboard";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("Contact:Dashboard:Enabled", true);

    public static void AddTo(ISiloBuilder silo, IConfiguration configuration)
    {
        if (IsEnabled(configuration)) silo.AddDashboard();
    }

    public static void AddTo(IClientBuilder client, IConfiguration configuration)
    {
        if (IsEnabled(configuration)) client.AddDashboard();
    }
}
