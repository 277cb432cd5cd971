using System.Security.Cryptography;
using Contact.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Contact.Silo.Hosting;

/// <summary>
/// <c>reset-admin-password</c>: the way back into an installation whose admin password is lost.
/// Starts a silo on the same configuration (the server must be stopped: it is the database's
/// writer), gives the <c>admin</c> account a new password (<c>Contact:Admin:Password</c>, or one
/// generated and printed) and its admin and supervisor roles, and exits.
/// </summary>
public static class AdminRecovery
{
    public const string Command = "reset-admin-password";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddContactSilo();
        using var host = builder.Build();
        await host.StartAsync();
        var configured = builder.Configuration["Contact:Admin:Password"];
        var password = string.IsNullOrEmpty(configured) ? GeneratedPassword() : configured;
        await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(AdminBootstrap.Username).Recover(password);
        await host.StopAsync();
        Console.WriteLine(string.IsNullOrEmpty(configured)
            ? $"The 'admin' password is now: {password}"
            : "The 'admin' password is now the one in Contact:Admin:Password.");
        return 0;
    }

    public static string GeneratedPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
}
