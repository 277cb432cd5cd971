using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Contact.Api.OpenApi;

/// <summary>What each group of routes is for, as the document's tags say it.</summary>
internal sealed class TagDescriptions : IDocumentFilter
{
    private static readonly Dictionary<string, string> descriptions = new()
    {
        ["Auth"] = "Sign in: a user name and password for a bearer token.",
        ["Agents"] = "Agents, their sessions and states (the agent state machine), histories and live event streams.",
        ["Services"] = "Services: the queues that chats and texts wait in, with their channels, wrap-up and SMS number.",
        ["Chats, customer side"] = "What a chat widget calls: start a chat, write, read, end, and the customer's event stream. No login: the chat's customer token.",
        ["Chats, agent side"] = "An agent's chats: accept or reject an offer, write, transfer, end, disposition; supervisors read any chat.",
        ["Customers"] = "Customers for supervisors: look up by id, phone, email or visitor id; ban and lift a ban.",
        ["SMS"] = "Texts an agent sends to customers, and inbound texts as Twilio delivered them.",
        ["Twilio webhooks"] = "What Twilio calls: inbound texts and delivery statuses, signed with the account's auth token.",
        ["Campaigns"] = "Outbound campaigns: settings, agents, calling lists and their imports, start and stop, statistics.",
        ["Calling records"] = "A campaign's calling record on an agent's desktop: accept, skip, reject, call, complete, reschedule.",
        ["Do not call"] = "The do not call list that every campaign obeys.",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var used = document.Paths.Values.SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(operation => operation.Tags ?? new HashSet<OpenApiTagReference>()).Select(tag => tag.Name).ToHashSet();
        document.Tags = new HashSet<OpenApiTag>(descriptions.Where(d => used.Contains(d.Key))
            .Select(d => new OpenApiTag { Name = d.Key, Description = d.Value }));
    }
}
