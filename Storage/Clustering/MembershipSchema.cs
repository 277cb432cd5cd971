namespace Contact.Storage;

/// <summary>
/// The silo membership tables of Orleans' ADO.NET clustering, on PostgreSQL only (on SQLite the
/// product is one node). Table, column and parameter names, and what each stored query returns,
/// are that provider's contract; the queries are our own.
/// </summary>
/// <remarks>
/// A membership change is an optimistic write of the whole table: it succeeds only while the
/// version row still holds the version the silo read, and it bumps that version. Each change is one
/// statement that updates the version row first: the row lock orders concurrent silos, a loser
/// re-reads the row under that lock, finds the version moved and changes nothing, and the member
/// row is written only when the version moved. A statement either does both or neither, so a
/// failed version check can never leave a member row behind.
/// </remarks>
internal static class MembershipSchema
{
    private const string Postgres = """
        CREATE TABLE IF NOT EXISTS OrleansQuery (
            QueryKey varchar(64) NOT NULL PRIMARY KEY,
            QueryText varchar(8000) NOT NULL);
        CREATE TABLE OrleansMembershipVersionTable (
            DeploymentId varchar(150) NOT NULL PRIMARY KEY,
            Timestamp timestamptz(3) NOT NULL DEFAULT now(),
            Version integer NOT NULL DEFAULT 0);
        CREATE TABLE OrleansMembershipTable (
            DeploymentId varchar(150) NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
            Address varchar(45) NOT NULL,
            Port integer NOT NULL,
            Generation integer NOT NULL,
            SiloName varchar(150) NOT NULL,
            HostName varchar(150) NOT NULL,
            Status integer NOT NULL,
            ProxyPort integer NULL,
            SuspectTimes varchar(8000) NULL,
            StartTime timestamptz(3) NOT NULL,
            IAmAliveTime timestamptz(3) NOT NULL,
            PRIMARY KEY (DeploymentId, Address, Port, Generation));
        INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
        ('InsertMembershipVersionKey',
         'WITH made AS (INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
              ON CONFLICT (DeploymentId) DO NOTHING RETURNING 1)
          SELECT COUNT(*) FROM made'),
        ('InsertMembershipKey',
         'WITH bumped AS (UPDATE OrleansMembershipVersionTable SET Version = Version + 1, Timestamp = now()
              WHERE DeploymentId = @DeploymentId AND Version = @Version
                AND NOT EXISTS (SELECT 1 FROM OrleansMembershipTable
                    WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation)
              RETURNING 1),
          made AS (INSERT INTO OrleansMembershipTable
                  (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
              SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
              FROM bumped
              RETURNING 1)
          SELECT COUNT(*) FROM made'),
        ('UpdateMembershipKey',
         'WITH bumped AS (UPDATE OrleansMembershipVersionTable SET Version = Version + 1, Timestamp = now()
              WHERE DeploymentId = @DeploymentId AND Version = @Version
                AND EXISTS (SELECT 1 FROM OrleansMembershipTable
                    WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation)
              RETURNING 1),
          changed AS (UPDATE OrleansMembershipTable SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
              WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
                AND EXISTS (SELECT 1 FROM bumped)
              RETURNING 1)
          SELECT COUNT(*) FROM changed'),
        ('UpdateIAmAlivetimeKey',
         'UPDATE OrleansMembershipTable SET IAmAliveTime = @IAmAliveTime
          WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation'),
        ('MembershipReadRowKey',
         'SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
                 m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
          FROM OrleansMembershipVersionTable v
          LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
              AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
          WHERE v.DeploymentId = @DeploymentId'),
        ('MembershipReadAllKey',
         'SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
                 m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
          FROM OrleansMembershipVersionTable v
          LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
          WHERE v.DeploymentId = @DeploymentId'),
        ('GatewaysQueryKey',
         'SELECT Address, ProxyPort, Generation FROM OrleansMembershipTable
          WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0'),
        ('DeleteMembershipTableEntriesKey',
         'DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
          DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId'),
        ('CleanupDefunctSiloEntriesKey',
         'DELETE FROM OrleansMembershipTable
          WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3');
        """;

    // Registered only when the silo's database is PostgreSQL, so this text is never run on SQLite.
    public static readonly StorageMigration[] Migrations = [new("membership", 1, Postgres)];
}
