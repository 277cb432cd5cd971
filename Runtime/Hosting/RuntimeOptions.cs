namespace Contact.Orleans.Runtime;

public sealed class RuntimeOptions
{
    /// <summary>An activation idle for this long is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Every grain call fails with TimeoutException after this long.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Reminders due within this window are held in memory; the rest stay rows until the window reaches them.</summary>
    public TimeSpan ReminderWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A reminder whose grain failed to handle it fires again after this long.</summary>
    public TimeSpan ReminderRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long shutdown waits for activations to deactivate.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
