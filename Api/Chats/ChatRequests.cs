using Contact.Api.Problems;
using Contact.Grains.Interfaces;

namespace Contact.Api.Chats;

public sealed record CustomerRequest(string? Name, string? Email, string? Phone, string? VisitorId);

public sealed record StartChatRequest(string? ServiceId, CustomerRequest? Customer, string? Text);

public sealed record StartChatResponse(string ChatId, string CustomerToken);

public sealed record MessageRequest(string? Text);

/// <summary>
/// The chat as its customer may see it: not the agents' ids, the disposition or the notes, which
/// are the contact center's.
/// </summary>
public sealed record CustomerChatView(string Id, ChatState State, string ServiceId, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, VideoView? Video)
{
    public static CustomerChatView Of(ChatView chat) => new(chat.Id, chat.State, chat.ServiceId, chat.StartedAt, chat.EndedAt, chat.Video);
}

public sealed record TransferRequest(string? AgentId, string? ServiceId);

/// <summary>How an interaction (a chat, a call) ended, in the agent's words: a disposition and optional notes.</summary>
public sealed record DispositionRequest(string? Disposition, string? Notes)
{
    public const int MaxDispositionLength = 100;

    /// <summary>The refusal of a disposition that is missing or too long, or of notes too long; null when it is fine.</summary>
    public IResult? Check()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Disposition) || Disposition.Length > MaxDispositionLength)
        {
            errors["disposition"] = [$"required, at most {MaxDispositionLength} characters"];
        }
        if (Notes is { Length: > ChatLimits.MaxMessageLength }) errors["notes"] = [$"at most {ChatLimits.MaxMessageLength} characters"];
        return errors.Count > 0 ? Problem.Invalid("validation-failed", "Some fields are invalid.", errors) : null;
    }
}

/// <summary>Checks shared by the customer's and the agent's chat endpoints.</summary>
public static class ChatValidation
{
    /// <summary>A message must have text and fit the limit; null when it does.</summary>
    public static IResult? CheckMessage(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Problem.Of(StatusCodes.Status400BadRequest, "message-empty", "The request is invalid.", "A message needs some text.",
                new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["text"] = ["required"] } });
        }
        if (text.Length > ChatLimits.MaxMessageLength)
        {
            return Problem.Of(StatusCodes.Status400BadRequest, "message-too-long", "The request is invalid.",
                $"A message has at most {ChatLimits.MaxMessageLength} characters; this one has {text.Length}.",
                new Dictionary<string, object?> { ["limit"] = ChatLimits.MaxMessageLength, ["length"] = text.Length });
        }
        return null;
    }

    /// <summary>The customer as the chat keeps them (the phone in E.164, national numbers read as <paramref name="region"/>'s), with any reasons it is refused in <paramref name="errors"/>.</summary>
    public static CustomerContact ReadCustomer(CustomerRequest? customer, string region, Dictionary<string, string[]> errors)
    {
        if (customer is null) return new CustomerContact(null, null, null, null);
        if (customer.Name is { Length: > 100 }) errors["customer.name"] = ["at most 100 characters"];
        if (customer.Email is { } email && (email.Length > 254 || !email.Contains('@') || email.Trim().Contains(' ')))
        {
            errors["customer.email"] = ["an email address"];
        }
        var phone = customer.Phone is null ? null : PhoneField.Read(customer.Phone, region, "customer.phone", errors);
        if (customer.VisitorId is { } visitor && (string.IsNullOrWhiteSpace(visitor) || visitor.Length > 128))
        {
            errors["customer.visitorId"] = ["1 to 128 characters"];
        }
        return new CustomerContact(customer.Name, customer.Email, phone, customer.VisitorId);
    }
}
