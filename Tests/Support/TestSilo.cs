using Contact.Orleans.Tests.TestGrains;
using Contact.Orleans.Grains;
using Contact.Orleans.Grains.Agents;
using Contact.Orleans.Runtime;
using Contact.Orleans.Runtime.Storage;
using Contact.Orleans.Silo.Twilio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Contact.Orleans.Tests.Support;

/// <summary>An in-process silo on a real database, with the domain grains, the test grains and a manual clock.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private TestSilo(ServiceProvider services, ManualTimeProvider time)
    {
        this.services = services;
        Time = time;
    }

    public ManualTimeProvider Time { get; }
    public GrainRuntime Runtime => services.GetRequiredService<GrainRuntime>();
    public IGrainFactory Grains => Runtime;
    public IGrainStorage Storage => services.GetRequiredService<IGrainStorage>();
    public TestLog Log => services.GetRequiredService<TestLog>();

    /// <summary>A service of the silo, such as the calling-list importer.</summary>
    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public static async Task<TestSilo> StartAsync(Database database, ManualTimeProvider? time = null, Action<RuntimeOptions>? configure = null)
    {
        time ??= new ManualTimeProvider();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton<TimeProvider>(time);
        collection.AddSingleton(database.CreateDialect());
        collection.AddSingleton<IGrainStorage, AdoGrainStorage>();
        collection.AddGrainRuntime(configure);
        collection.AddContactGrains(new AgentOptions());
        collection.AddTwilioSms(new TwilioOptions());
        collection.AddTestGrains();
        var provider = collection.BuildServiceProvider();
        var silo = new TestSilo(provider, time);
        await silo.Runtime.StartAsync(CancellationToken.None);
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.StopAsync(CancellationToken.None);
        await services.DisposeAsync();
    }
}
