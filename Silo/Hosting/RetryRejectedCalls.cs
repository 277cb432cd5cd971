using Contact.Grains.Interfaces;

namespace Contact.Silo.Hosting;

/// <summary>
/// Sends a grain call again when Orleans rejected it: a silo that is stopping rejects the calls
/// it is sent instead of running them, and Orleans places the grain on another silo for the
/// next one. A rejected call did not run, so sending it again is safe for every call, whether or
/// not it could be repeated. Not so a call whose silo stopped or died after it was sent
/// (<see cref="SiloUnavailableException"/>): it may have run, so it is sent again only when its
/// method is <see cref="IdempotentAttribute"/>, and is otherwise the caller's to see.
/// </summary>
internal sealed class RetryRejectedCalls(TimeProvider time) : IOutgoingGrainCallFilter
{
    // Pauses of 0.1, 0.2, 0.4, 0.8 and 1 s: 2.5 s in all, about what a stopping silo takes to
    // hand its grains over (3 s until it exits, measured in Tests/Cluster/FailoverTests.cs).
    private const int Attempts = 6;
    private static readonly TimeSpan firstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan longestPause = TimeSpan.FromSeconds(1);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (OrleansMessageRejectionException rejection) when (attempt < Attempts && (rejection is not SiloUnavailableException || IsIdempotent(context)))
            {
                var pause = firstPause * (1 << (attempt - 1));
                await Task.Delay(pause < longestPause ? pause : longestPause, time);
            }
        }
    }

    private static bool IsIdempotent(IOutgoingGrainCallContext context) =>
        context.InterfaceMethod?.IsDefined(typeof(IdempotentAttribute), inherit: false) == true;
}
