using Contact.Grains.Interfaces;
using Contact.Storage;

namespace Contact.Grains.Accounts;

[GrainType("account")]
public sealed class AccountGrain([PersistentState("account", ContactGrainStorage.Name)] IPersistentState<AccountRecord> state, TimeProvider time)
    : Grain, IAccountGrain
{
    // Wrong passwords in a row that cost nothing more; each one after them makes the user wait
    // twice as long, up to a few minutes: guessing slows to a crawl, the owner waits at most that long.
    private const int FreeFailures = 5;
    private static readonly TimeSpan longestWait = TimeSpan.FromMinutes(5);

    // Kept in the activation only: a restart forgives, and a wrong password costs no write.
    private int failures;
    private DateTimeOffset waitUntil;

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
        var wasAdmin = state.RecordExists && IsAdmin;
        var roles = spec.Roles ?? (state.RecordExists ? [.. state.State.Roles] : [Roles.Agent]);
        // Checked and taken off the list in the admins' own turn, so two admins demoted at once cannot both pass.
        if (wasAdmin && !roles.Contains(Roles.Admin) && !await Admins.RemoveUnlessLast(this.GetPrimaryKeyString()))
        {
            throw new ContactException("last-admin", ErrorKind.Conflict,
                $"'{this.GetPrimaryKeyString()}' is the last account with the admin role; give it to another account first.",
                new Dictionary<string, object?> { ["username"] = this.GetPrimaryKeyString() });
        }
        state.State.Roles = [.. roles];
        state.State.AgentId = spec.AgentId;
        await state.WriteStateAsync();
        await Announce();
    }

    public async Task Recover(string password)
    {
        (state.State.PasswordHash, state.State.Salt) = PasswordHasher.Hash(password);
        state.State.Iterations = PasswordHasher.Iterations;
        state.State.Roles = [.. state.State.Roles.Union([Roles.Admin, Roles.Supervisor])];
        await state.WriteStateAsync();
        await Announce();
    }

    public async Task Announce()
    {
        if (state.RecordExists && IsAdmin) await Admins.Add(this.GetPrimaryKeyString());
    }

    private bool IsAdmin => state.State.Roles.Contains(Roles.Admin);

    private IDirectoryGrain Admins => GrainFactory.GetGrain<IDirectoryGrain>(IDirectoryGrain.Admins);

    public Task<AccountIdentity?> Verify(string password)
    {
        var now = time.GetUtcNow();
        if (now < waitUntil)
        {
            var seconds = (int)Math.Ceiling((waitUntil - now).TotalSeconds);
            throw new ContactException("too-many-attempts", ErrorKind.Throttled,
                $"Too many wrong passwords for this user; try again in {seconds} s.",
                new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
        }
        var account = state.State;
        bool verified;
        if (state.RecordExists) verified = PasswordHasher.Verify(password, account.PasswordHash, account.Salt, account.Iterations);
        else
        {
            PasswordHasher.Verify(password, decoy.Hash, decoy.Salt, PasswordHasher.Iterations);
            verified = false;
        }
        if (!verified)
        {
            if (++failures > FreeFailures)
            {
                var wait = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(failures - FreeFailures - 1, 10)));
                waitUntil = now + (wait < longestWait ? wait : longestWait);
            }
            return Task.FromResult<AccountIdentity?>(null);
        }
        failures = 0;
        return Task.FromResult<AccountIdentity?>(new AccountIdentity(this.GetPrimaryKeyString(), [.. account.Roles], account.AgentId));
    }
}
