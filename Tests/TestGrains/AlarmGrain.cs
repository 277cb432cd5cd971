using Contact.Orleans.Runtime;

namespace Contact.Orleans.Tests.TestGrains;

public sealed class AlarmRecord
{
    public List<string> Fired { get; set; } = [];
    public int FailuresLeft { get; set; }
}

public interface IAlarmGrain : IGrainWithStringKey
{
    Task Schedule(string name, TimeSpan due, TimeSpan period);
    Task Cancel(string name);
    Task FailNext(int times);
    Task<IReadOnlyList<string>> Fired();
}

/// <summary>Records every reminder it receives, durably, so a test on a restarted silo can see it.</summary>
public sealed class AlarmGrain([PersistentState("alarm")] IPersistentState<AlarmRecord> state) : Grain, IAlarmGrain, IRemindable
{
    public Task Schedule(string name, TimeSpan due, TimeSpan period) => RegisterOrUpdateReminder(name, due, period);

    public Task Cancel(string name) => UnregisterReminder(name);

    public async Task FailNext(int times)
    {
        state.State.FailuresLeft = times;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> Fired() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Fired]);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.FailuresLeft > 0)
        {
            state.State.FailuresLeft--;
            await state.WriteStateAsync();
            throw new InvalidOperationException("failing on purpose");
        }
        state.State.Fired.Add($"{reminderName}@{status.DueAt:HH:mm:ss}");
        await state.WriteStateAsync();
    }
}
