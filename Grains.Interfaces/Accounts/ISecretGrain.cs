using Contact.Orleans.Runtime;

namespace Contact.Orleans.Grains.Interfaces;

/// <summary>A random secret made once and kept (for example the token signing key), so it survives restarts.</summary>
public interface ISecretGrain : IGrainWithStringKey
{
    Task<byte[]> GetOrCreate(int bytes);
}
