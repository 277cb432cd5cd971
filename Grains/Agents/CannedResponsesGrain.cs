using Contact.Grains.Interfaces;
using Contact.Storage;

namespace Contact.Grains.Agents;

public sealed class CannedResponsesRecord
{
    public List<CannedResponse> Responses { get; set; } = [];
}

[GrainType("canned-responses")]
public sealed class CannedResponsesGrain([PersistentState("canned", ContactGrainStorage.Name)] IPersistentState<CannedResponsesRecord> state)
    : Grain, ICannedResponsesGrain
{
    private List<CannedResponse> Responses => state.State.Responses;

    public Task<CannedResponse[]> List() => Task.FromResult<CannedResponse[]>([.. Responses]);

    public Task<CannedResponse> Get(string responseId) => Task.FromResult(Responses[IndexOf(responseId)]);

    public async Task<CannedResponse> Add(string title, string text)
    {
        if (Responses.Count >= ICannedResponsesGrain.MaxCount)
        {
            throw new ContactException("too-many-canned-responses", ErrorKind.Conflict,
                $"An agent keeps at most {ICannedResponsesGrain.MaxCount} canned responses.",
                new Dictionary<string, object?> { ["limit"] = ICannedResponsesGrain.MaxCount });
        }
        var response = new CannedResponse(Guid.NewGuid().ToString("N")[..12], title, text);
        Responses.Add(response);
        await state.WriteStateAsync();
        return response;
    }

    public async Task<CannedResponse> Update(string responseId, string title, string text)
    {
        var index = IndexOf(responseId);
        Responses[index] = new CannedResponse(responseId, title, text);
        await state.WriteStateAsync();
        return Responses[index];
    }

    public async Task Delete(string responseId)
    {
        Responses.RemoveAt(IndexOf(responseId));
        await state.WriteStateAsync();
    }

    private int IndexOf(string responseId)
    {
        var index = Responses.FindIndex(r => r.Id == responseId);
        return index >= 0
            ? index
            : throw new ContactException("canned-response-not-found", ErrorKind.NotFound, $"There is no canned response '{responseId}'.",
                new Dictionary<string, object?> { ["responseId"] = responseId });
    }
}
