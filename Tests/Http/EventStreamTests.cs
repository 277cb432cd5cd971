using System.IO.Pipelines;
using Contact.Api.Streams;
using Contact.Grains.Agents;
using Contact.Grains.Interfaces;
using Contact.Storage;
using Contact.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Contact.Tests.Http;

/// <summary>
/// The live stream while the grain it reads from cannot be reached for a moment, as when its silo
/// was killed and the grain is not yet active on another (seen in Tests/Cluster/CampaignFailoverTests.cs).
/// </summary>
public sealed class EventStreamTests
{
    private static readonly GrainKey agent = new("agent", "a1");
    private readonly JournalFeed feed = new();
    private readonly ManualTimeProvider time = new();
    private readonly Pipe body = new();
    private readonly List<JournalEntry> stored = [];
    private int failuresLeft, readsTried;

    [Fact]
    public async Task A_catch_up_read_the_cluster_cannot_answer_for_a_moment_is_sent_again_and_the_stream_goes_on()
    {
        using var events = new SseReader(body.Reader.AsStream());
        using var stop = new CancellationTokenSource();
        var stream = RunAsync(stop.Token);
        await Eventually.Until(() => Task.FromResult(readsTried), reads => reads > 0);

        stored.Add(new JournalEntry(1, AgentGrain.StateEvent, time.GetUtcNow(), "{}"));
        failuresLeft = 3;
        var readsBefore = readsTried;
        feed.Missed(agent);
        // Three reads refused, then the fourth answered, each after a pause on the test's clock.
        for (var waited = 0; waited < 500 && readsTried < readsBefore + 4 && !stream.IsCompleted; waited++)
        {
            await Task.Delay(10);
            time.Advance(TimeSpan.FromMilliseconds(250));
        }

        var next = await events.Until(AgentGrain.StateEvent, TimeSpan.FromSeconds(10));
        Assert.Equal(1, next.Id);
        Assert.False(stream.IsCompleted);
        await stop.CancelAsync();
        await stream;
    }

    [Fact]
    public async Task A_stream_whose_reads_stay_unanswered_ends_cleanly_for_the_client_to_reconnect()
    {
        var stream = RunAsync(CancellationToken.None);
        await Eventually.Until(() => Task.FromResult(readsTried), reads => reads > 0);

        failuresLeft = int.MaxValue;
        feed.Missed(agent);
        for (var waited = 0; waited < 200 && !stream.IsCompleted; waited++)
        {
            await Task.Delay(10);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(stream.IsCompleted, "the stream still waits on a cluster that does not answer");
        await stream;
    }

    private Task<JournalEntry[]> ReadAsync(long after, int count)
    {
        Interlocked.Increment(ref readsTried);
        if (failuresLeft > 0)
        {
            failuresLeft--;
            throw new SiloUnavailableException("the silo holding the grain was lost");
        }
        return Task.FromResult(stored.Where(e => e.Sequence > after).Take(count).ToArray());
    }

    private async Task RunAsync(CancellationToken aborted)
    {
        var services = new ServiceCollection().AddSingleton<IHostApplicationLifetime, StillRunning>().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services, RequestAborted = aborted };
        http.Response.Body = body.Writer.AsStream();
        await EventStream.RunAsync(http, feed, agent, time, ReadAsync, () => Task.FromResult(0L), _ => true);
    }

    private sealed class StillRunning : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() => throw new NotSupportedException();
    }
}
