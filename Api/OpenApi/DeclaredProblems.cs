using Microsoft.AspNetCore.Http.Metadata;

namespace Contact.Api.OpenApi;

/// <summary>
/// Every problem an endpoint may answer, by status: the refusals it declares, and those that any
/// route of its kind can give (a JSON body that does not parse, a missing token, a silo that does
/// not answer in time).
/// </summary>
public static class DeclaredProblems
{
    public static SortedDictionary<int, SortedSet<string>> Of(IEnumerable<object> endpointMetadata)
    {
        var metadata = endpointMetadata.ToArray();
        var all = new SortedDictionary<int, SortedSet<string>>();
        void Add(int status, params string[] codes)
        {
            if (!all.TryGetValue(status, out var set)) all[status] = set = new SortedSet<string>(StringComparer.Ordinal);
            set.UnionWith(codes);
        }

        foreach (var refusal in metadata.OfType<Refusal>()) Add(refusal.Status, [.. refusal.Codes]);
        // A query or path value of the wrong kind (?limit=ten) cannot be bound on any route.
        Add(StatusCodes.Status400BadRequest, "bad-request");
        if (metadata.OfType<IAcceptsMetadata>().Any(a => a.ContentTypes.Contains("application/json")))
        {
            Add(StatusCodes.Status400BadRequest, "malformed-json");
            Add(StatusCodes.Status413PayloadTooLarge, "body-too-large");
            Add(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type");
        }
        var credential = CredentialConventions.Of(metadata);
        if (credential is Credential.Agent or Credential.Supervisor or Credential.Admin) Add(StatusCodes.Status401Unauthorized, "unauthorized");
        if (credential is Credential.Supervisor or Credential.Admin) Add(StatusCodes.Status403Forbidden, "forbidden");
        // A write that lost to another at the same moment (a version check); reads never lose.
        if (metadata.OfType<IHttpMethodMetadata>().Any(m => m.HttpMethods.Any(method => !HttpMethods.IsGet(method))))
        {
            Add(StatusCodes.Status409Conflict, "concurrent-update");
        }
        Add(StatusCodes.Status500InternalServerError, "internal-error");
        Add(StatusCodes.Status503ServiceUnavailable, "timeout");
        Add(StatusCodes.Status503ServiceUnavailable, "node-unavailable");
        return all;
    }
}
