namespace Contact.Grains.Interfaces;

/// <summary>How an agent talks (the guide's "Selecting a Phone Device"): a softphone in the browser, or a phone number Twilio rings.</summary>
[GenerateSerializer, Alias("Contact.PhoneDeviceKind")]
public enum PhoneDeviceKind
{
    Softphone,
    External,
}

/// <param name="Number">The external phone's number (E.164); null for the softphone.</param>
[GenerateSerializer, Immutable, Alias("Contact.PhoneDevice")]
public sealed record PhoneDevice(PhoneDeviceKind Kind, string? Number)
{
    public static readonly PhoneDevice Softphone = new(PhoneDeviceKind.Softphone, null);

    /// <summary>The softphone's identity in Twilio's Voice SDK: the agent's id.</summary>
    public static string ClientAddress(string agentId) => $"client:{agentId}";

    /// <summary>What Twilio dials to reach the agent.</summary>
    public string AddressOf(string agentId) => Kind == PhoneDeviceKind.External ? Number! : ClientAddress(agentId);
}

/// <summary>The phone device an agent has chosen (key: the agent's id); the softphone until it chooses another.</summary>
[Alias("Contact.IAgentPhoneGrain")]
public interface IAgentPhoneGrain : IGrainWithStringKey
{
    [Idempotent]
    [Alias("Get")]
    Task<PhoneDevice> Get();

    [Idempotent]
    [Alias("Set")]
    Task<PhoneDevice> Set(PhoneDevice device);
}
