using Contact.Grains.Interfaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Contact.Silo.Hosting;

/// <summary>
/// On the first start, creates the 'admin' login with Contact:Admin:Password, or with a
/// generated password that is written to the log this one time only.
/// </summary>
internal sealed class AdminBootstrap(IGrainFactory grains, IConfiguration configuration, ILogger<AdminBootstrap> logger) : IHostedService
{
    public const string Username = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = grains.GetGrain<IAccountGrain>(Username);
        if (await admin.Exists())
        {
            await admin.Announce();
            return;
        }
        var configured = configuration["Contact:Admin:Password"];
        var password = string.IsNullOrEmpty(configured)
            ? AdminRecovery.GeneratedPassword()
            : configured;
        await admin.Set(new AccountSpec(password, [Roles.Admin, Roles.Supervisor], null));
        if (string.IsNullOrEmpty(configured))
        {
            logger.LogInformation("Created the 'admin' user with the generated password {Password} (shown only this once; set Contact:Admin:Password to choose one)", password);
        }
        else
        {
            logger.LogInformation("Created the 'admin' user with the password from Contact:Admin:Password");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
