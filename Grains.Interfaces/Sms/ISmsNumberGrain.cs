namespace Contact.Grains.Interfaces;

/// <summary>One of our SMS numbers (E.164 key) and the one service it belongs to, so an inbound text finds its service.</summary>
[Alias("Contact.ISmsNumberGrain")]
public interface ISmsNumberGrain : IGrainWithStringKey
{
    [Idempotent]
    [Alias("GetServiceId")]
    Task<string?> GetServiceId();

    /// <summary><c>sms-number-taken</c> when another service has the number.</summary>
    [Alias("Claim")]
    Task Claim(string serviceId);

    /// <summary>Gives the number up, if <paramref name="serviceId"/> has it.</summary>
    [Alias("Release")]
    Task Release(string serviceId);
}
