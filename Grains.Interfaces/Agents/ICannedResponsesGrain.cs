namespace Contact.Grains.Interfaces;

/// <summary>One agent's canned responses (key: the agent id), in the order they were created.</summary>
[Alias("Contact.ICannedResponsesGrain")]
public interface ICannedResponsesGrain : IGrainWithStringKey
{
    public const int MaxTitleLength = 100;
    public const int MaxCount = 500;

    [Idempotent]
    [Alias("List")]
    Task<CannedResponse[]> List();

    /// <summary><c>canned-response-not-found</c> when there is no such response.</summary>
    [Idempotent]
    [Alias("Get")]
    Task<CannedResponse> Get(string responseId);

    [Alias("Add")]
    Task<CannedResponse> Add(string title, string text);

    /// <summary><c>canned-response-not-found</c> when there is no such response.</summary>
    [Alias("Update")]
    Task<CannedResponse> Update(string responseId, string title, string text);

    [Alias("Delete")]
    Task Delete(string responseId);
}
