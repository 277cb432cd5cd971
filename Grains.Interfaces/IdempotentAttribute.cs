namespace Contact.Grains.Interfaces;

/// <summary>
/// Running this grain method twice with the same arguments leaves what running it once leaves,
/// and answers the same: a read, or a change that finds itself already made. A call of such a
/// method whose silo stopped or died before it answered may have run; it is sent again instead
/// of failing (Contact.Silo.Hosting.RetryRejectedCalls), so that a silo leaving the cluster
/// fails no request of this kind.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class IdempotentAttribute : Attribute;
