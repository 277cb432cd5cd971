using Contact.Orleans.Runtime;
using Contact.Orleans.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Contact.Orleans.Tests.TestGrains;

public static class TestGrainRegistration
{
    public static IServiceCollection AddTestGrains(this IServiceCollection services)
    {
        services.AddSingleton<TestLog>();
        services.AddGrain<ICounterGrain, CounterGrain>("test-counter");
        services.AddGrain<IGatedGrain, GatedGrain>("test-gated");
        services.AddGrain<IRelayGrain, RelayGrain>("test-relay");
        services.AddGrain<IValueGrain, ValueGrain>("test-value");
        services.AddGrain<ITickerGrain, TickerGrain>("test-ticker");
        services.AddGrain<IAlarmGrain, AlarmGrain>("test-alarm");
        return services;
    }
}
