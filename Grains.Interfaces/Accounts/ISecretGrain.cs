namespace Contact.Grains.Interfaces;

/// <summary>A random secret made once and kept (for example the token signing key), so it survives restarts.</summary>
[Alias("Contact.ISecretGrain")]
public interface ISecretGrain : IGrainWithStringKey
{
    [Idempotent]
    [Alias("GetOrCreate")]
    Task<byte[]> GetOrCreate(int bytes);
}
