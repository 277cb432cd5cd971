using Contact.Grains.Interfaces;
using Microsoft.Extensions.Logging;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Video.V1;

namespace Contact.Silo.Twilio;

/// <summary>
/// Chats' video rooms through Twilio's SDK (<see cref="RoomResource"/>), on the same HTTP
/// pipeline as SMS and voice (<see cref="TwilioHttp"/>). Rooms are group rooms, Twilio's default.
/// </summary>
public sealed class TwilioVideoGateway : IVideoGateway, IDisposable
{
    private readonly System.Net.Http.HttpClient http;
    private readonly TwilioRestClient? client;

    public TwilioVideoGateway(TwilioOptions options, TimeProvider time, ILogger<TwilioVideoGateway> logger)
    {
        http = TwilioHttp.Create(options, time, logger);
        if (options.IsConfigured) client = new TwilioRestClient(options.AccountSid, options.AuthToken, httpClient: new SystemNetHttpClient(http));
    }

    public bool IsConfigured => client is not null;

    public async Task<string> CreateRoomAsync(string name, CancellationToken cancellationToken = default) =>
        (await Send(() => RoomResource.CreateAsync(new CreateRoomOptions { UniqueName = name }, Client))).Sid;

    public Task CompleteRoomAsync(string roomSid, CancellationToken cancellationToken = default) =>
        Send(() => RoomResource.UpdateAsync(new UpdateRoomOptions(roomSid, RoomResource.RoomStatusEnum.Completed), Client));

    public void Dispose() => http.Dispose();

    private TwilioRestClient Client => client ?? throw new VideoException(null, "no Twilio credentials are configured");

    private static Task<T> Send<T>(Func<Task<T>> request) => TwilioRequests.SendAsync(request, (code, message) => new VideoException(code, message));
}
