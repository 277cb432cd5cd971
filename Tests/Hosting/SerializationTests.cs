using System.Reflection;
using System.Text.Json;
using Contact.Grains.Interfaces;
using Contact.Tests.Support;
using Orleans.Serialization;

namespace Contact.Tests.Hosting;

/// <summary>
/// In one silo Orleans passes immutable messages by reference and never serializes them; between
/// silos it does. These tests serialize what the grains really return, so a type (or a runtime
/// type inside one, such as a collection built by a collection expression) without a codec is
/// found here, not in a cluster.
/// </summary>
public sealed class SerializationTests : SiloTest
{
    [Fact]
    public void Every_type_a_grain_method_takes_or_returns_has_a_codec()
    {
        var serializer = Silo.Get<Serializer>();
        var methods = typeof(IAgentGrain).Assembly.GetTypes()
            .Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods()).ToList();
        var types = methods.SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType))
            .SelectMany(Parts).Distinct().ToList();

        Assert.True(methods.Count > 80, $"only {methods.Count} grain methods found");
        Assert.All(types, type => Assert.True(serializer.CanSerialize(type), $"{type} has no codec"));
    }

    /// <summary>A type and what it is made of: a task's result, an array's elements, a generic's arguments.</summary>
    private static IEnumerable<Type> Parts(Type type)
    {
        if (type == typeof(Task)) yield break;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
        {
            foreach (var part in Parts(type.GetGenericArguments()[0])) yield return part;
            yield break;
        }
        yield return type;
        var inner = type.IsArray ? [type.GetElementType()!] : type.GetGenericArguments();
        foreach (var part in inner.SelectMany(Parts)) yield return part;
    }

    [Fact]
    public async Task What_the_grains_return_survives_a_round_trip_through_the_serializer()
    {
        var agent = Silo.Grains.GetGrain<IAgentGrain>("ann");
        await agent.Configure(new AgentProfile("Ann", ["sales", "support"], 2));
        await agent.StartSession();
        await agent.SetState(AgentState.Ready, null);
        await agent.Offer(new InteractionOffer("chat-1", "chat", "sales", new() { ["customerName"] = "Carol" }));
        var campaign = Silo.Grains.GetGrain<ICampaignGrain>("renewals");
        await campaign.Configure(new CampaignConfig("Renewals", CampaignMode.Preview, "sales", [new("Sale", DispositionOutcome.Final)], "Sale",
            3, 60, new CallingHours("09:00", "21:00"), null, false, "UTC", "US"));
        await campaign.AddAgent("ann");

        AssertRoundTrip(await agent.GetView());
        AssertRoundTrip(await agent.GetEvents(0, 100));
        AssertRoundTrip(await agent.GetHistory(0, 100));
        AssertRoundTrip(await campaign.GetView());
        AssertRoundTrip(await campaign.GetStats());
        var refused = await Assert.ThrowsAsync<ContactException>(() => agent.EndSession());
        var copy = RoundTrip(refused);
        Assert.Equal((refused.Code, refused.Kind, refused.Message), (copy.Code, copy.Kind, copy.Message));
        Assert.Equal(Json(refused.Details), Json(copy.Details));
    }

    private void AssertRoundTrip<T>(T value) => Assert.Equal(Json(value), Json(RoundTrip(value)));

    private T RoundTrip<T>(T value)
    {
        var serializer = Silo.Get<Serializer>();
        return serializer.Deserialize<T>(serializer.SerializeToArray(value))!;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
