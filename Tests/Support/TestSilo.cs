using Contact.Silo.Hosting;
using Contact.Storage;
using Contact.Tests.FaultHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Contact.Tests.Support;

/// <summary>
/// A silo configured as the product's (Orleans, the database, reminders, grains) in a host of its
/// own, on a real database, with a manual clock for the grains and their reminders.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost host;

    private TestSilo(IHost host, ManualTimeProvider time)
    {
        this.host = host;
        Time = time;
    }

    public ManualTimeProvider Time { get; }
    public IGrainFactory Grains => Get<IGrainFactory>();
    public GrainDatabase Storage => Get<GrainDatabase>();

    /// <summary>A service of the silo, such as the calling-list importer.</summary>
    public T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();

    /// <param name="settings">Configuration beside the database's and fresh ports, which it overrides.</param>
    public static async Task<TestSilo> StartAsync(Database database, ManualTimeProvider? time = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        time ??= new ManualTimeProvider();
        // No default logging providers: a test's silo logs nowhere.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(database.Settings.Concat(SiloPorts.Fresh()).Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        if (Environment.GetEnvironmentVariable("TEST_SILO_LOG") is not null) builder.Logging.AddConsole();
        builder.AddContactSilo();
        builder.Services.AddSingleton<TestLog>();
        builder.Services.UseGrainClock(time, forReminders: false);
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host, time);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
