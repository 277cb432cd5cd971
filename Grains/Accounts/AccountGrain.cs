using Contact.Grains.Interfaces;
using Contact.Storage;

namespace Contact.Grains.Accounts;

[GrainType("account")]
public sealed class AccountGrain([PersistentState("account", ContactGrainStorage.Name)] IPersistentState<AccountRecord> state) : Grain, IAccountGrain
{
    // Hashed for unknown users too, so that a wrong user name costs as long as a wrong password.
    private static readonly (string Hash, string Salt) decoy = PasswordHasher.Hash(Guid.NewGuid().ToString());

    public Task<bool> Exists() => Task.FromResult(state.RecordExists);

    public async Task Set(AccountSpec spec)
    {
        if (spec.Password is not null)
        {
            (state.State.PasswordHash, state.State.Salt) = PasswordHasher.Hash(spec.Password);
            state.State.Iterations = PasswordHasher.Iterations;
        }
        else if (!state.RecordExists)
        {
            throw new ContactException("password-required", ErrorKind.Invalid, "A new account needs a password.",
                new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["password"] = ["required"] } });
        }
        state.State.Roles = [.. spec.Roles];
        state.State.AgentId = spec.AgentId;
        await state.WriteStateAsync();
    }

    public Task<AccountIdentity?> Verify(string password)
    {
        if (!state.RecordExists)
        {
            PasswordHasher.Verify(password, decoy.Hash, decoy.Salt, PasswordHasher.Iterations);
            return Task.FromResult<AccountIdentity?>(null);
        }
        var account = state.State;
        return Task.FromResult(PasswordHasher.Verify(password, account.PasswordHash, account.Salt, account.Iterations)
            ? new AccountIdentity(this.GetPrimaryKeyString(), [.. account.Roles], account.AgentId)
            : null);
    }
}
