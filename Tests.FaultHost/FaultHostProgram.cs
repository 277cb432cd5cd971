using Contact.Grains.Interfaces;
using Contact.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Contact.Tests.FaultHost;

/// <summary>
/// A silo in a process of its own, driven over stdin, for fault tests that kill it with SIGKILL.
/// Storage comes from the usual configuration (environment variables Contact__Storage, ...).
/// --clock-offset-minutes N starts it N minutes in the future, so deadlines come due at once.
/// </summary>
internal static class FaultHostProgram
{
    public static async Task Main(string[] args)
    {
        var offset = args.Length == 2 && args[0] == "--clock-offset-minutes" ? TimeSpan.FromMinutes(double.Parse(args[1])) : TimeSpan.Zero;
        var builder = Host.CreateApplicationBuilder();
        // Standard output is the test's channel: log lines go to standard error.
        builder.Logging.ClearProviders().AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.AddContactSilo();
        builder.Services.UseGrainClock(new OffsetTimeProvider(offset), forReminders: true);
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        Console.WriteLine("ready");
        while (Console.ReadLine() is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            try
            {
                switch (words)
                {
                    case ["wrapup", var agentId, var seconds]:
                        var agent = grains.GetGrain<IAgentGrain>(agentId);
                        await agent.Configure(new AgentProfile(agentId, [], 1));
                        await agent.StartSession();
                        await agent.SetState(AgentState.Ready, null);
                        await agent.Offer(new InteractionOffer("call-1", "call", null));
                        await agent.Accept("call-1");
                        var view = await agent.EndInteraction("call-1", int.Parse(seconds));
                        Console.WriteLine($"ok {view.State}");
                        break;
                    case ["state", var agentId]:
                        Console.WriteLine($"state {(await grains.GetGrain<IAgentGrain>(agentId).GetView()).State}");
                        break;
                    case ["exit"]:
                        await host.StopAsync();
                        return;
                    default:
                        Console.WriteLine($"unknown {line}");
                        break;
                }
            }
            catch (Exception error)
            {
                Console.WriteLine($"error {error.GetType().Name}: {error.Message}");
            }
        }
    }
}
