using Contact.Orleans.Runtime.Activation;
using Contact.Orleans.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Contact.Orleans.Runtime;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>The grain runtime as a hosted service: it starts with the host and deactivates everything on stop.</summary>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services, Action<RuntimeOptions>? configure = null)
    {
        var options = new RuntimeOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddSingleton(sp => sp.GetRequiredService<GrainRuntime>().Journal);
        services.AddHostedService<GrainRuntimeHost>();
        return services;
    }

    /// <summary>Binds a grain class to its interface under a type name that is stored with its data and must never change.</summary>
    public static IServiceCollection AddGrain<TInterface, TGrain>(this IServiceCollection services, string typeName)
        where TInterface : IGrainWithStringKey where TGrain : Grain, TInterface =>
        services.AddSingleton(new GrainRegistration(typeName, typeof(TInterface), typeof(TGrain)));

    public static IServiceCollection AddStorageMigrations(this IServiceCollection services, params StorageMigration[] migrations)
    {
        foreach (var migration in migrations) services.AddSingleton(migration);
        return services;
    }

    public static IServiceCollection AddSqliteGrainStorage(this IServiceCollection services, string path) =>
        services.AddGrainStorage(new SqliteDialect(path));

    public static IServiceCollection AddPostgresGrainStorage(this IServiceCollection services, string connectionString, int writers = 1) =>
        services.AddGrainStorage(new PostgresDialect(connectionString, writers));

    private static IServiceCollection AddGrainStorage(this IServiceCollection services, SqlDialect dialect)
    {
        services.AddSingleton(dialect);
        services.AddSingleton<IGrainStorage, AdoGrainStorage>();
        return services;
    }

    private sealed class GrainRuntimeHost(GrainRuntime runtime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);
        public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
    }
}
