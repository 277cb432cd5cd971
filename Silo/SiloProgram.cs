using Contact.Silo.Hosting;
using Microsoft.Extensions.Hosting;

namespace Contact.Silo;

/// <summary>A silo on its own (no HTTP API): <c>dotnet run --project Silo</c>, configured like the API's (appsettings.json, environment).</summary>
public static class SiloProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [AdminRecovery.Command, .. var rest]) return await AdminRecovery.RunAsync(rest);
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddContactSilo();
        await builder.Build().RunAsync();
        return 0;
    }
}
