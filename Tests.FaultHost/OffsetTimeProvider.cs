namespace Contact.Tests.FaultHost;

/// <summary>The system clock moved by a fixed offset: a restarted process can "wake up later" without anyone waiting.</summary>
internal sealed class OffsetTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
