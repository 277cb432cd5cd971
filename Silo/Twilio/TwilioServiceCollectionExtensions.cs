using Contact.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace Contact.Silo.Twilio;

public static class TwilioServiceCollectionExtensions
{
    /// <summary>SMS through Twilio; with no credentials in <paramref name="options"/> every SMS call answers <c>sms-not-configured</c>.</summary>
    public static IServiceCollection AddTwilioSms(this IServiceCollection services, TwilioOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<TwilioSmsGateway>();
        services.AddSingleton<ISmsGateway>(sp => sp.GetRequiredService<TwilioSmsGateway>());
        return services;
    }
}
