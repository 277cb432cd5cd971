namespace Contact.Orleans.Runtime;

/// <summary>Marker for grain interfaces; every method returns Task or Task&lt;T&gt;.</summary>
public interface IGrain;

public interface IGrainWithStringKey : IGrain;

public interface IGrainFactory
{
    TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey;
}
