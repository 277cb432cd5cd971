using System.Security.Cryptography;
using Contact.Grains.Interfaces;
using Contact.Storage;

namespace Contact.Grains.Accounts;

public sealed class SecretRecord
{
    public string Value { get; set; } = "";
}

[GrainType("secret")]
public sealed class SecretGrain([PersistentState("secret", ContactGrainStorage.Name)] IPersistentState<SecretRecord> state) : Grain, ISecretGrain
{
    public async Task<byte[]> GetOrCreate(int bytes)
    {
        if (!state.RecordExists)
        {
            state.State.Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));
            await state.WriteStateAsync();
        }
        return Convert.FromBase64String(state.State.Value);
    }
}
