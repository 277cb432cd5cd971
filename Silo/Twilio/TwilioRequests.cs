using Twilio.Exceptions;

namespace Contact.Silo.Twilio;

/// <summary>Runs one request of Twilio's SDK and turns its refusal, or its silence, into the provider exception the grains know.</summary>
internal static class TwilioRequests
{
    /// <param name="failed">Makes the exception from Twilio's error code (null when it gave none) and a message.</param>
    public static async Task<T> SendAsync<T>(Func<Task<T>> request, Func<int?, string, Exception> failed)
    {
        try
        {
            return await request();
        }
        catch (ApiException refused)
        {
            throw failed(refused.Code == 0 ? null : refused.Code, $"Twilio answered {refused.Status}: {refused.Message}");
        }
        catch (ApiConnectionException noAnswer)
        {
            throw failed(null, $"no answer from Twilio: {noAnswer.InnerException?.Message ?? noAnswer.Message}");
        }
    }
}
