namespace Contact.Grains.Interfaces;

/// <summary>
/// One of our phone numbers on one channel, and the one service it belongs to, so that an inbound
/// text or call finds its service. Key: <see cref="ServiceNumbers.Sms"/> or <see cref="ServiceNumbers.Voice"/>
/// of the E.164 number.
/// </summary>
[Alias("Contact.ISmsNumberGrain")]
public interface IServiceNumberGrain : IGrainWithStringKey
{
    [Idempotent]
    [Alias("GetServiceId")]
    Task<string?> GetServiceId();

    /// <summary><c>sms-number-taken</c> or <c>voice-number-taken</c> when another service has the number.</summary>
    [Alias("Claim")]
    Task Claim(string serviceId);

    /// <summary>Gives the number up, if <paramref name="serviceId"/> has it.</summary>
    [Alias("Release")]
    Task Release(string serviceId);
}

/// <summary>The keys of <see cref="IServiceNumberGrain"/>: a number may take texts for one service and calls for another.</summary>
public static class ServiceNumbers
{
    private const string VoicePrefix = "voice:";

    /// <summary>The number itself: the key SMS numbers have always had.</summary>
    public static string Sms(string number) => number;

    public static string Voice(string number) => VoicePrefix + number;

    public static bool IsVoice(string key) => key.StartsWith(VoicePrefix, StringComparison.Ordinal);

    public static string NumberOf(string key) => IsVoice(key) ? key[VoicePrefix.Length..] : key;
}
