using Contact.Orleans.Runtime;

namespace Contact.Orleans.Grains.Interfaces;

/// <summary>One of our SMS numbers (E.164 key) and the one service it belongs to, so an inbound text finds its service.</summary>
public interface ISmsNumberGrain : IGrainWithStringKey
{
    Task<string?> GetServiceId();

    /// <summary><c>sms-number-taken</c> when another service has the number.</summary>
    Task Claim(string serviceId);

    /// <summary>Gives the number up, if <paramref name="serviceId"/> has it.</summary>
    Task Release(string serviceId);
}
