using Contact.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace Contact.Silo.Twilio;

public static class TwilioServiceCollectionExtensions
{
    /// <summary>SMS, voice and video through Twilio; with no credentials in <paramref name="options"/> each answers <c>sms-not-configured</c>, <c>voice-not-configured</c> or <c>video-not-configured</c>.</summary>
    public static IServiceCollection AddTwilio(this IServiceCollection services, TwilioOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<TwilioSmsGateway>();
        services.AddSingleton<ISmsGateway>(sp => sp.GetRequiredService<TwilioSmsGateway>());
        services.AddSingleton<TwilioVoiceGateway>();
        services.AddSingleton<IVoiceGateway>(sp => sp.GetRequiredService<TwilioVoiceGateway>());
        services.AddSingleton<TwilioVideoGateway>();
        services.AddSingleton<IVideoGateway>(sp => sp.GetRequiredService<TwilioVideoGateway>());
        services.AddSingleton<TwilioAccessTokens>();
        return services;
    }
}
