using Contact.Orleans.Runtime;

namespace Contact.Orleans.Grains.Interfaces;

/// <summary>One agent's canned responses (key: the agent id), in the order they were created.</summary>
public interface ICannedResponsesGrain : IGrainWithStringKey
{
    public const int MaxTitleLength = 100;
    public const int MaxCount = 500;

    Task<IReadOnlyList<CannedResponse>> List();

    Task<CannedResponse> Add(string title, string text);

    /// <summary><c>canned-response-not-found</c> when there is no such response.</summary>
    Task<CannedResponse> Update(string responseId, string title, string text);

    Task Delete(string responseId);
}
