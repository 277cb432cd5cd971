namespace Contact.Orleans.Runtime;

/// <summary>
/// As in Orleans: the caller does not wait. The call is queued as a turn of its own, outside the
/// caller's call chain, and its task completes at once; a failure is only logged. For
/// notifications that must not form a call cycle (an agent telling its queues it is free while
/// a queue is calling the agent).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute;
