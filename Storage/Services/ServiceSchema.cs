namespace Contact.Storage.Services;

/// <summary>The service membership table, and the move of members out of the queue records that held them before.</summary>
public static class ServiceSchema
{
    private const string Table = """
        CREATE TABLE service_members (
            service_id TEXT NOT NULL,
            agent_id TEXT NOT NULL,
            PRIMARY KEY (service_id, agent_id));
        CREATE INDEX service_members_agent ON service_members (agent_id);
        """;

    // Queue records (grain type "service", state "queue") listed their members in "members"; the
    // queue's next write drops the list, which nothing reads any more.
    public static readonly StorageMigration[] Migrations =
    [
        new("services", 1, Table + """
            INSERT INTO service_members (service_id, agent_id)
            SELECT DISTINCT s.grain_key, m.value FROM grain_state s, json_each(s.payload, '$.members') m
            WHERE s.grain_type = 'service' AND s.state_name = 'queue' AND json_type(s.payload, '$.members') = 'array';
            """, Table + """
            INSERT INTO service_members (service_id, agent_id)
            SELECT DISTINCT s.grain_key, m.agent FROM grain_state s, jsonb_array_elements_text(s.payload::jsonb -> 'members') AS m(agent)
            WHERE s.grain_type = 'service' AND s.state_name = 'queue' AND jsonb_typeof(s.payload::jsonb -> 'members') = 'array';
            """),
    ];
}
