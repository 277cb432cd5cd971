namespace Contact.Tests.Support;

/// <summary>
/// Waits for what a moved clock set off elsewhere: a reminder's delivery runs on the reminder
/// service and reaches the grain as a call of its own, after the test's next call perhaps.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan patience = TimeSpan.FromSeconds(15);

    /// <summary>Reads until <paramref name="done"/> holds, and returns that reading; the last reading when time runs out.</summary>
    /// <param name="within">How long to wait; 15 s unless given.</param>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? patience);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(20);
        }
    }
}
