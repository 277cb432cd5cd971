using Contact.Silo.Hosting;
using Microsoft.Extensions.Hosting;

namespace Contact.Silo;

/// <summary>A silo on its own (no HTTP API): <c>dotnet run --project Silo</c>, configured like the API's (appsettings.json, environment).</summary>
public static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddContactSilo();
        await builder.Build().RunAsync();
    }
}
