using Contact.Grains.Interfaces;

namespace Contact.Grains.Sms;

/// <summary>What must hold before a text goes to the provider, checked before anything is stored.</summary>
internal static class SmsChecks
{
    public static async Task EnsureSendableAsync(IGrainFactory grains, ISmsGateway gateway, string customerId, string phone, string text)
    {
        if (!gateway.IsConfigured) throw SmsSetup.NotConfigured();
        var length = SmsText.Measure(text);
        if (!length.Fits) throw SmsErrors.TooLong(length);
        if (await grains.GetGrain<ICustomerGrain>(customerId).IsSmsOptedOut(phone)) throw SmsErrors.OptedOut(phone);
    }
}
