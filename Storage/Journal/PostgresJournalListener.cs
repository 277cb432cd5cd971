using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Contact.Storage;

/// <summary>
/// Hears the journal notices of every node on the database (LISTEN on one connection of its own)
/// and tells this node's subscribers of the journals that other nodes wrote. Each time it starts
/// listening, after a lost connection too, every subscriber reads its journal again, so what was
/// written while nobody listened is not lost either.
/// </summary>
internal sealed class PostgresJournalListener(PostgresDialect dialect, JournalFeed feed, ILogger<PostgresJournalListener> logger) : BackgroundService
{
    private static readonly TimeSpan retryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.LogWarning(error, "Lost the journal notices of the other nodes; listening again in {Delay}", retryDelay);
                feed.MissedAll();
            }
            try
            {
                await Task.Delay(retryDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        // Keep-alives: a connection that died without a word would otherwise wait forever.
        var settings = new NpgsqlConnectionStringBuilder(dialect.ConnectionString) { KeepAlive = 10 };
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        connection.Notification += (_, notification) => Hear(notification.Payload);
        await connection.OpenAsync(cancellationToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {JournalNotice.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }
        feed.MissedAll();
        while (true) await connection.WaitAsync(cancellationToken);
    }

    private void Hear(string payload)
    {
        // This node's own entries reach its subscribers directly, after their commit.
        if (JournalNotice.TryParse(payload) is not { } notice || notice.Node == dialect.Node) return;
        foreach (var journal in notice.Journals) feed.Missed(new GrainKey(journal.Type, journal.Key));
    }
}
