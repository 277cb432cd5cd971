using Contact.Api.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Contact.Api.OpenApi;

/// <summary>The ways a caller proves who it is, as the OpenAPI document names them.</summary>
public enum Credential
{
    /// <summary>No credential: signing in, starting a public chat.</summary>
    None,
    Agent,
    Supervisor,
    Admin,
    /// <summary>The customer token handed out when a public chat starts.</summary>
    CustomerToken,
    /// <summary>Twilio's signature of a webhook request.</summary>
    TwilioSignature,
}

/// <summary>Declares the credential of a route that does not use bearer tokens (the document reads bearer routes from their policies).</summary>
public sealed record RequiresCredential(Credential Credential);

public static class CredentialConventions
{
    public static TBuilder RequiresCredential<TBuilder>(this TBuilder builder, Credential credential) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresCredential(credential));

    /// <summary>What the endpoint asks of its caller, from its declared credential or its authorization policies.</summary>
    public static Credential Of(IEnumerable<object> endpointMetadata)
    {
        var metadata = endpointMetadata.ToArray();
        // As in the endpoint's own metadata, the last declaration wins (a route's over its group's).
        if (metadata.OfType<RequiresCredential>().LastOrDefault() is { } declared) return declared.Credential;
        if (metadata.OfType<IAllowAnonymous>().Any()) return Credential.None;
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToArray();
        if (policies.Length == 0) return Credential.None;
        return policies.Contains(Policies.Admin) ? Credential.Admin
            : policies.Contains(Policies.Supervisor) ? Credential.Supervisor
            : Credential.Agent;
    }
}
