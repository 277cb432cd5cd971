using Contact.Grains.Interfaces;
using Microsoft.IdentityModel.Tokens;

namespace Contact.Api.Auth;

/// <summary>
/// The token signing key. It is made once and kept in storage (a secret grain), so tokens
/// survive restarts and every silo of a cluster signs and checks with the same key.
/// </summary>
public sealed class SigningKey
{
    private SymmetricSecurityKey? key;

    public SymmetricSecurityKey Key => key ?? throw new InvalidOperationException("The signing key is not loaded yet.");

    internal sealed class Loader(SigningKey signingKey, IGrainFactory grains) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var secret = await grains.GetGrain<ISecretGrain>("jwt-signing-key").GetOrCreate(32);
            signingKey.key = new SymmetricSecurityKey(secret);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
