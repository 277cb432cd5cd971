
namespace Contact.Storage.Campaigns;

/// <summary>
/// Numbers never to be called, for every campaign: a disposition with outcome <c>dnc</c> adds
/// the number called, and an administrator can add or remove numbers. Numbers are E.164.
/// </summary>
public sealed class DoNotCallList(GrainDatabase database, TimeProvider time)
{
    public Task AddAsync(string phone, string source) =>
        database.WriteRowAsync(Key(phone), new RowWrite(
            "INSERT INTO do_not_call (phone, added_at, source) VALUES ($1, $2, $3) ON CONFLICT (phone) DO NOTHING",
            [phone, time.GetUtcNow().ToUnixTimeMilliseconds(), source], Checked: false));

    public Task RemoveAsync(string phone) =>
        database.WriteRowAsync(Key(phone), new RowWrite("DELETE FROM do_not_call WHERE phone = $1", [phone], Checked: false));

    /// <summary>Which of these numbers are on the list.</summary>
    public async Task<HashSet<string>> FindAsync(IReadOnlyCollection<string> phones)
    {
        if (phones.Count == 0) return [];
        await using var connection = await database.Dialect.OpenAsync();
        await using var command = connection.CreateCommand();
        var names = new List<string>();
        foreach (var phone in phones)
        {
            names.Add("@p" + names.Count);
            command.AddParameter(names[^1], phone);
        }
        command.CommandText = $"SELECT phone FROM do_not_call WHERE phone IN ({string.Join(", ", names)})";
        return [.. await command.ReadStringsAsync()];
    }

    /// <summary>The whole list, for an import to check every row against it without a query per row.</summary>
    public async Task<HashSet<string>> AllAsync()
    {
        await using var connection = await database.Dialect.OpenAsync();
        await using var command = connection.Query("SELECT phone FROM do_not_call");
        return [.. await command.ReadStringsAsync()];
    }

    // Writes to one number share a writer, which keeps their order.
    private static GrainKey Key(string phone) => new("do-not-call", phone);
}
