namespace Contact.Orleans.Runtime;

/// <summary>Implemented by grains that register durable reminders.</summary>
public interface IRemindable : IGrain
{
    Task ReceiveReminder(string reminderName, TickStatus status);
}

/// <param name="DueAt">When the tick was due; it can lie in the past after a restart.</param>
/// <param name="Period">Zero for a one-shot reminder.</param>
public readonly record struct TickStatus(DateTimeOffset DueAt, TimeSpan Period, DateTimeOffset CurrentTickTime);
