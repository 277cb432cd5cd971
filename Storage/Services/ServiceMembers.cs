namespace Contact.Storage.Services;

/// <summary>
/// Which agents have which service: one row per agent and service, so an agent joining a service
/// writes its own rows and never the service's record (which a service with thousands of agents
/// would rewrite, whole, for each of them). A service's queue reads its members when it starts.
/// </summary>
public sealed class ServiceMembers(GrainDatabase database)
{
    /// <summary>The agent has exactly these services from now on; durable when the task completes.</summary>
    public Task SetServicesAsync(string agentId, IEnumerable<string> services) =>
        database.WriteRowAsync(Key(agentId), new RowWrite("DELETE FROM service_members WHERE agent_id = $1", [agentId], Checked: false)
        {
            Then = [.. services.Distinct().Select(service => new RowStatement(
                "INSERT INTO service_members (service_id, agent_id) VALUES ($1, $2)", [service, agentId]))],
        });

    public async Task<List<string>> OfAsync(string serviceId)
    {
        await using var connection = await database.Dialect.OpenAsync();
        await using var command = connection.Query("SELECT agent_id FROM service_members WHERE service_id = @service", ("@service", serviceId));
        return await command.ReadStringsAsync();
    }

    // One agent's membership writes share a writer, which keeps their order.
    private static GrainKey Key(string agentId) => new("service-members", agentId);
}
