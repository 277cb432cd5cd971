namespace Contact.Silo.Hosting;

/// <summary>
/// Sends a grain call again when Orleans rejected it: a silo that is stopping rejects the calls
/// it is sent instead of running them, and Orleans places the grain on another silo for the
/// next one. A rejected call did not run, so sending it again is safe for every call, whether or
/// not it could be repeated. Not so a call whose silo died after it was sent
/// (<see cref="SiloUnavailableException"/>): it may have run, so it is the caller's to see. A
/// handful of attempts a few hundred milliseconds apart cover a silo's handover.
/// </summary>
internal sealed class RetryRejectedCalls(TimeProvider time) : IOutgoingGrainCallFilter
{
    private const int Attempts = 4;
    private static readonly TimeSpan pause = TimeSpan.FromMilliseconds(150);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (OrleansMessageRejectionException rejection) when (rejection is not SiloUnavailableException && attempt < Attempts)
            {
                await Task.Delay(pause * attempt, time);
            }
        }
    }
}
