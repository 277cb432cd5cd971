using Microsoft.Extensions.DependencyInjection;
using Orleans.Reminders;

namespace Contact.Tests.FaultHost;

public static class GrainClock
{
    /// <summary>
    /// Makes <paramref name="clock"/> the time the product sees: the grains' own reads and grain
    /// timers, and reminders when <paramref name="forReminders"/> says so. Orleans' background
    /// loops (messaging timeouts, membership, activation collection, the directory) keep the
    /// system clock, so moving the clock by an hour does not make calls time out or silos look dead.
    /// </summary>
    /// <param name="forReminders">
    /// Only for a clock that runs by itself: the reminder service waits on its clock in loops that
    /// spin when a wait under a millisecond is left (Task.Delay truncates it to zero), which a
    /// clock that moves only when told never ends.
    /// </param>
    public static IServiceCollection UseGrainClock(this IServiceCollection services, TimeProvider clock, bool forReminders)
    {
        services.AddSingleton(clock);
        services.AddKeyedSingleton(KeyedService.AnyKey, TimeProvider.System);
        services.AddKeyedSingleton(TimeProviderNames.Grains, clock);
        if (forReminders) services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, clock);
        return services;
    }
}
