using System.Net.Http.Headers;
using System.Text;
using Contact.Tests.Client.Generated;
using Contact.Tests.Client.Generated.Models;
using Contact.Tests.Support;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Contact.Tests.Client;

/// <summary>
/// An agent's day through the client Kiota generated from the served OpenAPI document, against
/// the real API on a loopback socket, on each database. Nothing here speaks HTTP by hand: every
/// call, answer and refusal goes through a generated method and model, and every live event is
/// held to the document's schema for it.
/// </summary>
public abstract class AgentDaySuite(DatabaseKind kind) : IAsyncLifetime
{
    private const string SalesNumber = "+15550100000";
    private const string CustomerPhone = "+15550199999";
    private const string RecordPhone = "+12125550123";
    private const string NewYork = "America/New_York";
    private const string AgentEvents = "/api/v1/agents/{id}/events";
    private const string CustomerEvents = "/api/v1/public/chats/{chatId}/events";
    private static readonly TimeSpan patience = TimeSpan.FromSeconds(15);
    private readonly Database database = new(kind);
    private readonly DocumentedEvents documented = new();
    private readonly List<HttpClient> clients = [];
    private FakeTwilio twilio = null!;
    private ApiFactory api = null!;
    private string baseUrl = "";

    public async Task InitializeAsync()
    {
        twilio = await FakeTwilio.StartAsync();
        (api, baseUrl) = ApiFactory.StartOnLoopback(database, twilio.SettingsFor);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in clients) client.Dispose();
        await api.DisposeAsync();
        await twilio.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task An_agent_works_a_day_through_the_generated_client()
    {
        var admin = await SignInAsync("admin", ApiFactory.AdminPassword);
        await SetUpAsync(admin);

        // Log in, start a session, Ready.
        var ann = await SignInAsync("ann", "password-ann");
        using var events = new SseReader((await ann.Api.V1.Agents["ann"].Events.GetAsync())!);
        Assert.Equal(AgentState.NotReady, (await ann.Api.V1.Agents["ann"].Session.PostAsync())!.State);
        var refused = await Assert.ThrowsAsync<Problem>(() => ann.Api.V1.Agents["ann"].State.PutAsync(new StateRequest { State = "Sleeping" }));
        Assert.Equal((400, "invalid-state"), (refused.ResponseStatusCode, refused.Code));
        Assert.Equal(AgentState.Ready, (await ann.Api.V1.Agents["ann"].State.PutAsync(new StateRequest { State = "Ready" }))!.State);
        await NextAsync(events, "agent.state");

        // A customer starts a chat on the website; Ann takes it, answers it and ends it.
        var customer = Anonymous();
        var started = await customer.Api.V1.Public.Chats.PostAsync(new StartChatRequest
        {
            ServiceId = "sales",
            Customer = new CustomerRequest { Name = "Carl", Email = "carl@example.com" },
            Text = "Hello, my order has not arrived.",
        });
        var chatId = started!.ChatId!;
        void AsCustomer(Microsoft.Kiota.Abstractions.RequestConfiguration<Microsoft.Kiota.Abstractions.DefaultQueryParameters> request) =>
            request.Headers.Add("X-Customer-Token", started.CustomerToken!);
        using var customerEvents = new SseReader((await customer.Api.V1.Public.Chats[chatId].Events.GetAsync(AsCustomer))!);
        Assert.Contains(chatId, (await NextAsync(events, "chat.offered")).Data);

        Assert.Equal(ChatState.Active, (await ann.Api.V1.Chats[chatId].Accept.PostAsync())!.State);
        var transcript = await ann.Api.V1.Chats[chatId].Messages.GetAsync();
        Assert.Contains(transcript!, line => line.Text == "Hello, my order has not arrived." && line.From == MessageSender.Customer);
        var answer = await ann.Api.V1.Chats[chatId].Messages.PostAsync(new MessageRequest { Text = "Sorry about that, Carl. Let me look." });
        Assert.True(answer!.Seq > 0);
        Assert.Contains("Let me look.", (await NextAsync(customerEvents, "chat.message", CustomerEvents, m => m.Contains("Let me look."))).Data);

        await customer.Api.V1.Public.Chats[chatId].Messages.PostAsync(new MessageRequest { Text = "Thank you!" }, AsCustomer);
        Assert.Contains("Thank you!", (await NextAsync(events, "chat.message")).Data);
        Assert.Equal(ChatState.Ended, (await ann.Api.V1.Chats[chatId].End.PostAsync())!.State);
        await NextAsync(customerEvents, "chat.ended", CustomerEvents);
        Assert.Equal(AgentState.AfterCallWork, (await ann.Api.V1.Agents["ann"].GetAsync())!.State);

        // Wrap-up: the disposition, then Ready again.
        Assert.Equal("Resolved", (await ann.Api.V1.Chats[chatId].Disposition.PutAsync(new DispositionRequest { Disposition = "Resolved" }))!.Disposition);
        Assert.Equal(AgentState.Ready, (await ann.Api.V1.Agents["ann"].State.PutAsync(new StateRequest { State = "Ready" }))!.State);

        // A text to a customer, delivered, and its conversation closed. A text the agent starts does
        // not take the agent out of Ready, so its end brings no wrap-up.
        var sent = await ann.Api.V1.Sms.PostAsync(new SendSmsRequest { ServiceId = "sales", To = CustomerPhone, Text = "Your parcel left the warehouse today." });
        Assert.Equal("queued", sent!.Status);
        await twilio.ReportStatusAsync(Assert.Single(twilio.Messages), "delivered");
        Assert.Contains("delivered", (await NextAsync(events, "sms.status")).Data);
        Assert.Equal(ChatState.Ended, (await ann.Api.V1.Chats[sent.ChatId!].End.PostAsync())!.State);
        Assert.Equal(AgentState.Ready, (await ann.Api.V1.Agents["ann"].GetAsync())!.State);

        // A preview record: take it, call, complete it.
        await admin.Api.V1.Campaigns["renewals"].Start.PostAsync();
        var offer = await NextAsync(events, "preview.offered");
        var recordId = System.Text.Json.JsonDocument.Parse(offer.Data).RootElement.GetProperty("interactionId").GetString()!;
        Assert.Equal(CallingRecordState.InProgress, (await ann.Api.V1.Records[recordId].Accept.PostAsync())!.State);
        var dialed = await ann.Api.V1.Records[recordId].Call.PostAsync(new CallRequest { Number = RecordPhone });
        var callId = Assert.Single(dialed!.History!).CallId!;
        Assert.Equal(CallState.Connecting, (await ann.Api.V1.Calls[callId].GetAsync())!.State);
        Assert.Equal(RecordPhone, twilio.Participants[^1].To);
        var completed = await ann.Api.V1.Records[recordId].Complete.PostAsync(new CompleteRequest { Disposition = "Renewed", Notes = "Renewed for a year." });
        Assert.Equal(CallingRecordState.Completed, completed!.State);
        await NextAsync(events, "preview.ended");

        // Log out.
        await ann.Api.V1.Agents["ann"].State.PutAsync(new StateRequest { State = "NotReady", Reason = "Break" });
        Assert.Equal(AgentState.LoggedOut, (await ann.Api.V1.Agents["ann"].Session.DeleteAsync())!.State);
        Assert.Contains((await ann.Api.V1.Agents["ann"].History.GetAsync())!, row => row.Change!.To == AgentState.LoggedOut);
    }

    /// <summary>The service, the agent and the campaign with one record, as an administrator sets them up.</summary>
    private async Task SetUpAsync(ContactClient admin)
    {
        await admin.Api.V1.Services["sales"].PutAsync(new ServicePutRequest
        {
            Name = "Sales", Channels = ["chat", "sms", "voice"], WrapUpSeconds = 0, SmsNumber = SalesNumber, VoiceNumber = SalesNumber,
        });
        await admin.Api.V1.Agents["ann"].PutAsync(new AgentPutRequest { Name = "Ann", Password = "password-ann", Services = ["sales"], MaxChats = 2 });
        // Calling hours around now where the record's number is (a 212 number is in New York),
        // so the record is due whenever the test runs.
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(NewYork));
        await admin.Api.V1.Campaigns["renewals"].PutAsync(new CampaignPutRequest
        {
            Name = "Renewals", Mode = CampaignMode.Preview, ServiceId = "sales", TimeZone = NewYork,
            CallingHours = new CallingHoursRequest { From = now.AddHours(-1).ToString("HH:mm"), To = now.AddHours(2).ToString("HH:mm") },
            Dispositions = [new CampaignDispositionRequest { Name = "Renewed", Outcome = DispositionOutcome.Final }],
        });
        await admin.Api.V1.Campaigns["renewals"].Agents["ann"].PutAsync();
        var report = await admin.Api.V1.Campaigns["renewals"].Lists.PostAsync(
            new MemoryStream(Encoding.UTF8.GetBytes($"name,phone1\nDana Reyes,{RecordPhone}\n")), "text/csv");
        Assert.Equal(1, report!.Accepted);
    }

    /// <summary>The next event of <paramref name="name"/> (and <paramref name="match"/>), each event on the way held to the document.</summary>
    private async Task<SseEvent> NextAsync(SseReader reader, string name, string path = AgentEvents, Func<string, bool>? match = null)
    {
        while (true)
        {
            var next = await reader.NextAsync(patience);
            documented.Check(path, next.Type, next.Data);
            if (next.Type == name && (match is null || match(next.Data))) return next;
        }
    }

    private async Task<ContactClient> SignInAsync(string username, string password)
    {
        var token = await Anonymous().Api.V1.Auth.Token.PostAsync(new TokenRequest { Username = username, Password = password });
        return Client(new AuthenticationHeaderValue("Bearer", token!.AccessToken));
    }

    private ContactClient Anonymous() => Client(null);

    private ContactClient Client(AuthenticationHeaderValue? authorization)
    {
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = authorization;
        clients.Add(http);
        return new ContactClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = baseUrl });
    }
}

public sealed class SqliteAgentDayTests() : AgentDaySuite(DatabaseKind.Sqlite);

public sealed class PostgresAgentDayTests() : AgentDaySuite(DatabaseKind.Postgres);
