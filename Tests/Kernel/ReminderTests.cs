using Contact.Orleans.Runtime;
using Contact.Orleans.Tests.Support;
using Contact.Orleans.Tests.TestGrains;

namespace Contact.Orleans.Tests.Kernel;

public sealed class ReminderTests : IDisposable
{
    private readonly Database database = new(DatabaseKind.Sqlite);

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task A_reminder_fires_at_its_time_and_a_one_shot_is_then_deleted()
    {
        await using var silo = await TestSilo.StartAsync(database);
        var alarm = silo.Grains.GetGrain<IAlarmGrain>("once");
        await alarm.Schedule("wake", TimeSpan.FromMinutes(5), TimeSpan.Zero);

        silo.Time.Advance(TimeSpan.FromMinutes(4));
        await silo.Runtime.Reminders.WhenIdleAsync();
        Assert.Empty(await alarm.Fired());

        silo.Time.Advance(TimeSpan.FromMinutes(1));
        await silo.Runtime.Reminders.WhenIdleAsync();

        Assert.Equal(["wake@09:05:00"], await alarm.Fired());
        Assert.Empty(await silo.Storage.ReadRemindersDueBeforeAsync(DateTimeOffset.MaxValue));
    }

    [Fact]
    public async Task A_reminder_due_while_the_silo_was_down_fires_after_restart_and_activates_its_grain()
    {
        var time = new ManualTimeProvider();
        var first = await TestSilo.StartAsync(database, time);
        await first.Grains.GetGrain<IAlarmGrain>("sleeper").Schedule("wake", TimeSpan.FromMinutes(5), TimeSpan.Zero);
        await first.DisposeAsync();

        time.Advance(TimeSpan.FromHours(2));
        await using var second = await TestSilo.StartAsync(database, time);
        time.Advance(TimeSpan.Zero);
        await second.Runtime.Reminders.WhenIdleAsync();

        Assert.Equal(1, second.Runtime.ActivationCount);
        Assert.Equal(["wake@09:05:00"], await second.Grains.GetGrain<IAlarmGrain>("sleeper").Fired());
    }

    [Fact]
    public async Task A_periodic_reminder_keeps_firing_and_stops_when_unregistered()
    {
        await using var silo = await TestSilo.StartAsync(database);
        var alarm = silo.Grains.GetGrain<IAlarmGrain>("periodic");
        await alarm.Schedule("tick", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        for (var i = 0; i < 3; i++)
        {
            silo.Time.Advance(TimeSpan.FromMinutes(1));
            await silo.Runtime.Reminders.WhenIdleAsync();
        }
        await alarm.Cancel("tick");
        silo.Time.Advance(TimeSpan.FromMinutes(5));
        await silo.Runtime.Reminders.WhenIdleAsync();

        Assert.Equal(["tick@09:01:00", "tick@09:02:00", "tick@09:03:00"], await alarm.Fired());
    }

    [Fact]
    public async Task A_reminder_the_grain_failed_to_handle_is_retried()
    {
        await using var silo = await TestSilo.StartAsync(database);
        var alarm = silo.Grains.GetGrain<IAlarmGrain>("flaky");
        await alarm.FailNext(1);
        await alarm.Schedule("wake", TimeSpan.FromMinutes(5), TimeSpan.Zero);

        silo.Time.Advance(TimeSpan.FromMinutes(5));
        await silo.Runtime.Reminders.WhenIdleAsync();
        Assert.Empty(await alarm.Fired());
        silo.Time.Advance(silo.Runtime.Options.ReminderRetryDelay);
        await silo.Runtime.Reminders.WhenIdleAsync();

        Assert.Equal(["wake@09:06:00"], await alarm.Fired());
    }

    [Fact]
    public async Task A_reminder_beyond_the_window_is_loaded_when_the_window_reaches_it()
    {
        await using var silo = await TestSilo.StartAsync(database);
        var alarm = silo.Grains.GetGrain<IAlarmGrain>("far");
        await alarm.Schedule("later", TimeSpan.FromHours(3), TimeSpan.Zero);

        for (var i = 0; i < 12; i++)
        {
            silo.Time.Advance(TimeSpan.FromMinutes(15));
            await silo.Runtime.Reminders.WhenIdleAsync();
        }

        Assert.Equal(["later@12:00:00"], await alarm.Fired());
    }
}
