using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("Contact.Tests.Support.ServerProcessesFirst", "Contact.Tests")]

namespace Contact.Tests.Support;

/// <summary>
/// The tests that start server processes (silos, API nodes, a server that gets killed) run one at a
/// time: each takes most of the machine's two cores, and measures failover times that two of them at
/// once would stretch. The in-process tests run beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ServerProcessCollection
{
    public const string Name = "server processes";
}

/// <summary>
/// Starts the server-process tests first: they are the longest chain that runs one test at a time,
/// so the suite ends soonest when the other tests fill the remaining threads beside it.
/// </summary>
public sealed class ServerProcessesFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(collection => collection.DisplayName == ServerProcessCollection.Name ? 0 : 1);
}
