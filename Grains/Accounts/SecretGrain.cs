using System.Security.Cryptography;
using Contact.Orleans.Grains.Interfaces;
using Contact.Orleans.Runtime;

namespace Contact.Orleans.Grains.Accounts;

public sealed class SecretRecord
{
    public string Value { get; set; } = "";
}

public sealed class SecretGrain([PersistentState("secret")] IPersistentState<SecretRecord> state) : Grain, ISecretGrain
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
